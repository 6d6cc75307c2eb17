package dev.fleetform.reconciler.git;

import dev.fleetform.compiler.Validator;
import dev.fleetform.compiler.Validation;
import dev.fleetform.compiler.diag.Diagnostic;
import dev.fleetform.compiler.load.FileSystemSource;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * validate reads the working tree ({@link FileSystemSource}), plan reads commits
 * ({@link GitFleetSource}). On a checkout of the commit they must give the same verdict, whatever
 * the repository holds: symbolic links (inside, outside, absolute, dangling, to a directory), a
 * submodule, an executable file, a directory, a missing file.
 */
class SourceAgreementTest {
    private static final String HOST = """
            hosts:
              - name: %s
                address: %s
                hardware: { cpu: { cores: 8 }, memoryGiB: 32 }
            """;

    @TempDir
    static Path tmp;
    static Path work;
    static Git git;
    static RevCommit commit;

    @BeforeAll
    static void repository() throws Exception {
        work = tmp.resolve("fleet");
        git = Git.init().setDirectory(work.toFile()).setInitialBranch("main").call();
        write("hosts/a.yaml", HOST.formatted("st-02", "10.0.1.12"));
        write("hosts/c.yaml", HOST.formatted("st-03", "10.0.1.13"));
        Files.setPosixFilePermissions(work.resolve("hosts/c.yaml"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createDirectories(work.resolve("linked"));
        Files.createSymbolicLink(work.resolve("linked/b.yaml"), Path.of("../hosts/a.yaml"));
        Files.createSymbolicLink(work.resolve("linked/abs.yaml"), work.resolve("hosts/a.yaml").toAbsolutePath());
        Files.writeString(tmp.resolve("outside.yaml"), HOST.formatted("st-04", "10.0.1.14"));
        Files.createSymbolicLink(work.resolve("linked/out.yaml"), Path.of("../../outside.yaml"));
        Files.createSymbolicLink(work.resolve("linked/dangling.yaml"), Path.of("nowhere.yaml"));
        Files.createSymbolicLink(work.resolve("shared"), Path.of("hosts"));
        try (Git sub = Git.init().setDirectory(work.resolve("vendor/lib").toFile()).setInitialBranch("main").call()) {
            write("vendor/lib/x.yaml", HOST.formatted("st-05", "10.0.1.15"));
            write("vendor/lib/deeper/y.yaml", HOST.formatted("st-06", "10.0.1.16"));
            sub.add().addFilepattern(".").call();
            sub.commit().setMessage("library").setAuthor(who()).setCommitter(who()).call();
        }
        write("fleet.yaml", fleet("hosts/*.yaml"));
        Files.createSymbolicLink(work.resolve("fleet-link.yaml"), Path.of("fleet.yaml"));
        git.add().addFilepattern(".").call();
        commit = git.commit().setMessage("the fleet").setAuthor(who()).setCommitter(who()).call();
        assertEquals(FileMode.GITLINK, modeAt("vendor/lib"), "the nested repository is committed as a submodule");
        assertEquals(FileMode.SYMLINK, modeAt("linked/b.yaml"));
        assertEquals(FileMode.EXECUTABLE_FILE, modeAt("hosts/c.yaml"));
    }

    @AfterAll
    static void close() {
        git.close();
    }

    /** The file validated (its includes in the last column, "-" for the committed fleet.yaml), and the verdict both give. */
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
            fleet.yaml      | -                         | valid
            case.yaml       | hosts/*.yaml              | valid
            case.yaml       | linked/b.yaml             | FILE-NOT-REGULAR
            case.yaml       | linked/abs.yaml           | FILE-NOT-REGULAR
            case.yaml       | linked/out.yaml           | FILE-NOT-REGULAR
            case.yaml       | linked/dangling.yaml      | FILE-NOT-REGULAR
            case.yaml       | linked/*.yaml             | FILE-NOT-REGULAR
            case.yaml       | shared                    | FILE-NOT-REGULAR
            case.yaml       | shared/*.yaml             | INCLUDE-EMPTY
            case.yaml       | shared/a.yaml             | INCLUDE-EMPTY
            case.yaml       | vendor/**/*.yaml          | INCLUDE-EMPTY
            case.yaml       | vendor/lib/x.yaml         | INCLUDE-EMPTY
            case.yaml       | vendor/lib/deeper/*.yaml  | INCLUDE-EMPTY
            case.yaml       | vendor/*                  | INCLUDE-EMPTY
            case.yaml       | **/*.yaml                 | FILE-NOT-REGULAR
            fleet-link.yaml | -                         | FILE-NOT-REGULAR
            hosts           | -                         | FILE-NOT-REGULAR
            vendor/lib      | -                         | FILE-NOT-REGULAR
            vendor/lib/x.yaml | -                       | FILE-NOT-REGULAR
            shared/a.yaml   | -                         | FILE-NOT-REGULAR
            linked/b.yaml   | -                         | FILE-NOT-REGULAR
            missing.yaml    | -                         | FILE-NOT-FOUND
            """)
    void theWorkingTreeAndTheCommitGiveTheSameVerdict(String main, String include, String verdict) throws Exception {
        if (!include.equals("-")) {
            // the case file is written and committed in a commit of its own, so both sides see it
            write(main, fleet(include));
            git.add().addFilepattern(main).call();
            commit = git.commit().setMessage(include).setAuthor(who()).setCommitter(who()).call();
        }
        String prefix = work + "/";
        List<String> disk = describe(Validator.validate(new FileSystemSource(work), main), prefix);
        List<String> repo = describe(Validator.validate(new GitFleetSource(git.getRepository(), commit, ""), main), "");
        assertEquals(disk, repo, "validate (disk) and plan (git) disagree");
        String first = disk.isEmpty() ? "valid" : disk.get(0).split(" ")[1];
        assertEquals(verdict, first, disk.toString());
    }

    /** Each error as "file:line:col RULE message", file names relative to the fleet directory. */
    private static List<String> describe(Validation v, String prefix) {
        return v.diagnostics().stream().filter(Diagnostic::isError)
                .map(d -> (d.location() + " " + d.ruleId() + " " + d.message()).replace(prefix, ""))
                .toList();
    }

    private static String fleet(String include) {
        return """
                apiVersion: fleetform.dev/v1
                kind: Fleet
                metadata: { name: lab }
                include: ["%s"]
                hosts:
                  - name: st-01
                    address: 10.0.1.11
                    hardware: { cpu: { cores: 16 }, memoryGiB: 64 }
                """.formatted(include);
    }

    private static void write(String path, String text) throws IOException {
        Path p = work.resolve(path);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    private static FileMode modeAt(String path) throws IOException {
        try (TreeWalk walk = TreeWalk.forPath(git.getRepository(), path, commit.getTree())) {
            assertNotNull(walk, path);
            return walk.getFileMode(0);
        }
    }

    private static PersonIdent who() {
        return new PersonIdent("Fleet Test", "test@example.com", Instant.ofEpochSecond(1_700_000_000L), ZoneOffset.UTC);
    }
}
