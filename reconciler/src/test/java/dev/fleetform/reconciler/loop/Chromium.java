package dev.fleetform.reconciler.loop;

import org.junit.jupiter.api.Assumptions;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Debian's headless Chromium (installed by .ci/run): the DOM it built from a page, and a screenshot. */
final class Chromium {
    private Chromium() {
    }

    static String binary() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            for (String name : List.of("chromium", "chromium-browser")) {
                Path p = Path.of(dir, name);
                if (Files.isExecutable(p)) return p.toString();
            }
        }
        return null;
    }

    /** Skips the test, saying why, when Chromium is not installed. */
    static String require() {
        String b = binary();
        Assumptions.assumeTrue(b != null, "chromium is not installed (apt-get install chromium; .ci/run does): the status page is not checked in a browser");
        return b;
    }

    /** The DOM after load, as Chromium serialises it ({@code --dump-dom}). */
    static String dumpDom(String url) throws Exception {
        return run(url, "--dump-dom");
    }

    static void screenshot(String url, Path png) throws Exception {
        Files.createDirectories(png.getParent());
        Files.deleteIfExists(png);
        run(url, "--screenshot=" + png.toAbsolutePath(), "--window-size=1280,1600");
        if (!Files.isRegularFile(png) || Files.size(png) == 0) throw new AssertionError("chromium wrote no screenshot to " + png);
    }

    private static String run(String url, String... what) throws Exception {
        Path profile = Files.createTempDirectory("ff-chromium");
        List<String> cmd = new ArrayList<>(List.of(require(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-dev-shm-usage", "--no-first-run", "--user-data-dir=" + profile));
        cmd.addAll(List.of(what));
        cmd.add(url);
        Path err = profile.resolve("stderr.txt");
        Process p = new ProcessBuilder(cmd).redirectError(err.toFile()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("chromium did not finish in 120 s: " + cmd);
        }
        if (p.exitValue() != 0) throw new AssertionError("chromium exited " + p.exitValue() + ": " + Files.readString(err));
        return out;
    }
}
