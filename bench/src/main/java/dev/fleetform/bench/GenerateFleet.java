package dev.fleetform.bench;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code GenerateFleet --hosts N --out DIR [--changed-percent P] [--seed S]}: writes a synthetic
 * valid {@code DIR/fleet.yaml} of N hosts and, with {@code --changed-percent}, a
 * {@code DIR/fleet-changed.yaml} in which P% of the hosts differ (rack label, VM sizes, storage
 * profile). {@code --miners M} (default 200) sets how many miners share the cpu-miners pool:
 * each is a Deployment, a PodDisruptionBudget and, one in four, an HPA in the Kubernetes set
 * that {@code bench/kube.sh} applies. Same arguments, same bytes.
 */
public final class GenerateFleet {

    static final String USAGE = "usage: GenerateFleet --hosts N --out DIR [--changed-percent P] [--seed S] [--miners M]";

    record Options(int hosts, Path out, double changedPercent, long seed, int miners) {

        Options(int hosts, Path out, double changedPercent, long seed) {
            this(hosts, out, changedPercent, seed, SyntheticFleet.MINERS);
        }

        static Options parse(String[] args) {
            Integer hosts = null;
            Path out = null;
            double changed = 0;
            long seed = 1;
            int miners = SyntheticFleet.MINERS;
            for (int i = 0; i < args.length; i++) {
                String flag = args[i];
                if (i + 1 >= args.length) throw new IllegalArgumentException(flag + " needs a value");
                String value = args[++i];
                try {
                    switch (flag) {
                        case "--hosts" -> hosts = Integer.parseInt(value);
                        case "--out" -> out = Path.of(value);
                        case "--changed-percent" -> changed = Double.parseDouble(value);
                        case "--seed" -> seed = Long.parseLong(value);
                        case "--miners" -> miners = Integer.parseInt(value);
                        default -> throw new IllegalArgumentException("unknown option " + flag);
                    }
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(flag + " needs a number, not '" + value + "'");
                }
            }
            if (hosts == null || out == null) throw new IllegalArgumentException("--hosts and --out are required");
            return new Options(hosts, out, changed, seed, miners);
        }
    }

    private GenerateFleet() {
    }

    public static void main(String[] args) {
        try {
            Options options = Options.parse(args);
            for (String line : generate(options)) System.out.println(line);
        } catch (IllegalArgumentException e) {
            System.err.println("GenerateFleet: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
        } catch (IOException e) {
            System.err.println("GenerateFleet: cannot write: " + e.getMessage());
            System.exit(1);
        }
    }

    /** Writes the file(s); returns one summary line per file. */
    static List<String> generate(Options o) throws IOException {
        Files.createDirectories(o.out());
        List<String> lines = new ArrayList<>();
        lines.add(write(o.out().resolve("fleet.yaml"), new SyntheticFleet(o.hosts(), o.seed(), 0, o.miners())));
        if (o.changedPercent() > 0) {
            lines.add(write(o.out().resolve("fleet-changed.yaml"), new SyntheticFleet(o.hosts(), o.seed(), o.changedPercent(), o.miners())));
        }
        return lines;
    }

    private static String write(Path file, SyntheticFleet fleet) throws IOException {
        SyntheticFleet.Stats s;
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            s = fleet.write(w);
        }
        return "%s: %d hosts (%d changed), %d VMs, %d miners, %d alert rules"
                .formatted(file, s.hosts(), s.changedHosts(), s.vms(), s.miners(), s.alerts());
    }
}
