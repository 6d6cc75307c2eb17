package dev.fleetform.reconciler.loop;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The real promtool: {@code check metrics} (its exposition parser and lint) and {@code test rules}. */
final class Promtool {
    private Promtool() {
    }

    static void checkMetrics(String exposition) throws Exception {
        Process p = new ProcessBuilder("promtool", "check", "metrics").redirectErrorStream(true).start();
        try (var in = p.getOutputStream()) {
            in.write(exposition.getBytes(StandardCharsets.UTF_8));
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) throw new AssertionError("promtool check metrics hung");
        if (p.exitValue() != 0) throw new AssertionError("promtool check metrics: " + out + "\n" + exposition);
    }

    static String testRules(Path testFile) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(List.of("promtool", "test", "rules", testFile.toString())).directory(testFile.getParent().toFile())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) throw new AssertionError("promtool test rules hung");
        if (p.exitValue() != 0) throw new AssertionError("promtool test rules " + testFile + ":\n" + out + "\n" + Files.readString(testFile));
        return out;
    }
}
