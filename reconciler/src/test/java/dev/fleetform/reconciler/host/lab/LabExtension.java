package dev.fleetform.reconciler.host.lab;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Gives a test class the lab ({@code @ExtendWith(LabExtension.class)}, a {@link Lab} parameter):
 * brings up {@value #HOSTS} hosts with {@code lab/up} (libvirtd in lab-01, Alertmanager in lab-02, Prometheus in lab-03) unless they are up already, once per test
 * run, and takes down after the run only what it brought up. Tests are skipped, saying why, only
 * when not root (namespaces, mounts and loop devices need it); CI runs as root, so there they run.
 */
public final class LabExtension implements BeforeAllCallback, ParameterResolver {
    public static final int HOSTS = 3;
    /** The host that runs Prometheus (lab/up with {@code FLEETFORM_LAB_PROMETHEUS}). */
    public static final int PROMETHEUS = 3;
    /** The host that runs Alertmanager (lab/up with {@code FLEETFORM_LAB_ALERTMANAGER}). */
    public static final int ALERTMANAGER = 2;

    @Override
    public void beforeAll(ExtensionContext context) {
        Assumptions.assumeTrue(root(),
                "the lab tests need root (network namespaces, mounts, loop devices): run them as root, as CI does");
        // every class starts with no domain on the libvirt host: a VM another class (or an earlier
        // run, the lab kept up) left there carries the lab fleet's mark, and would be a delete
        lab(context).clearDomains();
    }

    /** Whether this process runs with uid 0 (the user's name may be anything). */
    static boolean root() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) return line.split("\\s+")[1].equals("0");
            }
        } catch (IOException e) {
            return false;
        }
        return false;
    }

    private static Lab lab(ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(Started.class, k -> Started.start(), Started.class).lab;
    }

    @Override
    public boolean supportsParameter(ParameterContext p, ExtensionContext e) {
        return p.getParameter().getType() == Lab.class;
    }

    @Override
    public Object resolveParameter(ParameterContext p, ExtensionContext e) {
        return lab(e);
    }

    /** The lab for this run; closed by JUnit at the end of the run. */
    static final class Started implements ExtensionContext.Store.CloseableResource {
        final Lab lab;
        final boolean ours;

        private Started(Lab lab, boolean ours) {
            this.lab = lab;
            this.ours = ours;
        }

        static Started start() {
            Lab lab = new Lab(Lab.home());
            boolean wereUp = lab.up(HOSTS);
            if (wereUp && lab.prometheusUp(PROMETHEUS) && lab.alertmanagerUp(ALERTMANAGER)) return new Started(lab, false);
            // lab/up keeps hosts that are up, so this only adds what is missing (Prometheus, libvirt, say)
            Lab.Result r = Lab.run(List.of(lab.dir().resolve("up").toString(), Integer.toString(HOSTS)),
                    Map.of("FLEETFORM_LAB_PROMETHEUS", Integer.toString(PROMETHEUS), "FLEETFORM_LAB_LIBVIRT", Integer.toString(Lab.LIBVIRT_HOST),
                            "FLEETFORM_LAB_ALERTMANAGER", Integer.toString(ALERTMANAGER)));
            if (r.exit() != 0 || !lab.up(HOSTS)) throw new IllegalStateException("lab/up " + HOSTS + " failed:\n" + r.out());
            return new Started(lab, !wereUp);
        }

        @Override
        public void close() {
            if (!ours) return;
            Lab.Result r = Lab.run(List.of(lab.dir().resolve("down").toString()));
            if (r.exit() != 0) System.err.println("lab/down failed:\n" + r.out());
        }
    }
}
