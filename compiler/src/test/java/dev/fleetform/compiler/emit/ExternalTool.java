package dev.fleetform.compiler.emit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Runs the real tools the outputs are for (promtool, amtool, ansible-*) in tests. A missing tool
 * fails the test: CI installs them, so skipping would hide a broken output.
 */
public final class ExternalTool {

    public record Result(List<String> argv, int exit, String out, String err) {
        public String describe() {
            return String.join(" ", argv) + " exited " + exit + "\nstdout:\n" + out + "\nstderr:\n" + err;
        }
    }

    private ExternalTool() {
    }

    /** Runs {@code argv} in {@code dir}; fails the test if the tool is not installed. */
    public static Result run(Path dir, String... argv) {
        requireInstalled(argv[0]);
        try {
            Path out = Files.createTempFile("tool", ".out");
            Path err = Files.createTempFile("tool", ".err");
            ProcessBuilder pb = new ProcessBuilder(argv).directory(dir.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile());
            pb.environment().put("ANSIBLE_NOCOLOR", "1");
            pb.environment().put("ANSIBLE_LOCAL_TEMP", dir.resolve(".ansible-tmp").toString());
            Process p = pb.start();
            // A hung tool must not hang the build; this is a safety net, not a timing assertion.
            if (!p.waitFor(5, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                fail(String.join(" ", argv) + " did not finish");
            }
            Result r = new Result(List.of(argv), p.exitValue(),
                    Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
            Files.delete(out);
            Files.delete(err);
            return r;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Runs and asserts exit code 0, showing the tool's output otherwise. */
    public static Result ok(Path dir, String... argv) {
        Result r = run(dir, argv);
        assertEquals(0, r.exit(), r::describe);
        return r;
    }

    /**
     * {@code ansible-inventory --list} of {@code inventory} in {@code dir}. It exits 0 even when it
     * could not parse the file (it warns and lists nothing), so warnings fail here.
     */
    public static String ansibleInventory(Path dir, String inventory) {
        Result r = ok(dir, "ansible-inventory", "-i", inventory, "--list");
        assertTrue(!r.err().contains("WARNING") && !r.err().contains("ERROR"), r::describe);
        return r.out();
    }

    public static void requireInstalled(String tool) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String d : path.split(java.io.File.pathSeparator)) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, tool))) return;
        }
        fail(tool + " is not installed (not on PATH): this test runs the real tool on the generated files;"
                + " install it (CI does) instead of skipping the test");
    }

    /** Writes the artefacts under {@code dir} as the compile command would. */
    public static Path write(Path dir, List<Artefact> artefacts) {
        try {
            for (Artefact a : artefacts) {
                Path p = dir.resolve(a.path());
                Files.createDirectories(p.getParent());
                Files.write(p, a.bytes());
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The artefact at {@code path}; fails listing what there is when it is missing. */
    public static Artefact find(List<Artefact> artefacts, String path) {
        List<String> paths = new ArrayList<>();
        for (Artefact a : artefacts) {
            if (a.path().equals(path)) return a;
            paths.add(a.path());
        }
        assertTrue(false, "no artefact " + path + " among " + paths);
        return null;
    }
}
