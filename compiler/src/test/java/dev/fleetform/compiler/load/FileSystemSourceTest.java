package dev.fleetform.compiler.load;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading and globbing on disk: each kind of unreadable path is told apart; globs are sorted and stay in the root. */
class FileSystemSourceTest {

    @TempDir
    Path tmp;

    private FileSystemSource source() throws Exception {
        for (String f : List.of("fleet.yaml", "hosts/b.yaml", "hosts/a.yaml", "hosts/a.yml", "hosts/rack1/c.yaml", "hosts/rack2/d.yaml")) {
            Path p = tmp.resolve(f);
            Files.createDirectories(p.getParent());
            Files.writeString(p, "# " + f + "\n");
        }
        Files.createDirectories(tmp.resolve("hosts/dir.yaml"));
        return new FileSystemSource(tmp);
    }

    @Test
    void globsAreSortedAndSkipDirectories() throws Exception {
        var s = source();
        assertEquals(List.of("hosts/a.yaml", "hosts/b.yaml"), s.glob("hosts/*.yaml"));
        assertEquals(List.of("hosts/rack1/c.yaml", "hosts/rack2/d.yaml"), s.glob("hosts/*/*.yaml"));
        assertEquals(List.of("hosts/rack1/c.yaml", "hosts/rack2/d.yaml"), s.glob("hosts/**/*.yaml"));
        assertEquals(List.of("hosts/a.yaml"), s.glob("hosts/a.yaml"));
        assertEquals(List.of("hosts/a.yaml", "hosts/a.yml"), s.glob("hosts/a.y*"));
        assertEquals(List.of(), s.glob("nowhere/*.yaml"));
    }

    @Test
    void readsAndNamesFiles() throws Exception {
        var s = source();
        assertArrayEquals("# hosts/a.yaml\n".getBytes(StandardCharsets.UTF_8), s.read("hosts/a.yaml", 100));
        assertEquals(tmp + "/hosts/a.yaml", s.displayName("hosts/a.yaml"));
        assertEquals("hosts/a.yaml", new FileSystemSource(Path.of("")).displayName("hosts/a.yaml"));
        assertEquals("hosts/a.yaml", new FileSystemSource(Path.of(".")).displayName("hosts/a.yaml"));
        assertEquals("fleet-repo-example/hosts/a.yaml", new FileSystemSource(Path.of("fleet-repo-example")).displayName("hosts/a.yaml"));
    }

    @Test
    void tellsProblemsApart() throws Exception {
        var s = source();
        assertEquals(FleetSourceException.Problem.MISSING, problem(s, "hosts/zz.yaml", 100));
        assertEquals(FleetSourceException.Problem.DIRECTORY, problem(s, "hosts/dir.yaml", 100));
        assertEquals(FleetSourceException.Problem.TOO_LARGE, problem(s, "hosts/a.yaml", 5));
        assertEquals(FleetSourceException.Problem.OUTSIDE_ROOT, problem(s, "../etc/passwd", 100));
        assertEquals(FleetSourceException.Problem.OUTSIDE_ROOT, problem(s, "/etc/passwd", 100));
        Process mkfifo = new ProcessBuilder("mkfifo", tmp.resolve("pipe.yaml").toString()).start();
        assertEquals(0, mkfifo.waitFor(), "mkfifo (coreutils) is needed to make a non-regular file");
        assertEquals(FleetSourceException.Problem.NOT_REGULAR, problem(s, "pipe.yaml", 100));
    }

    private static FleetSourceException.Problem problem(FleetSource s, String path, long max) {
        return assertThrows(FleetSourceException.class, () -> s.read(path, max)).problem();
    }
}
