package dev.fleetform.compiler.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * include: merged lists and entries keep their own file:line:col; [INCLUDE-PATH], [INCLUDE-EMPTY],
 * [INCLUDE-KEY], [INCLUDE-DUPLICATE].
 */
class IncludesTest {

    @TempDir
    Path tmp;

    private static final String MAIN = """
            apiVersion: fleetform.dev/v1
            kind: Fleet
            include: [hosts/*.yaml, extra/monitoring.yaml]
            profiles:
              small: { roles: [storage] }
            hosts:
              - name: main-01
            monitoring:
              alerts:
                - name: MainAlert
            """;

    private Fixture fleet() {
        return new Fixture(tmp).write("fleet.yaml", MAIN)
                .write("hosts/b.yaml", """
                        hosts:
                          - name: b-01
                          - name: b-02
                        """)
                .write("hosts/a.yaml", """
                        # rack a
                        profiles:
                          big:
                            roles: [gpu]
                        hosts:
                          - name: a-01
                            address: 10.0.0.1
                        access:
                          bastions:
                            - { name: jump-01, kind: jumpserver }
                        """)
                .write("extra/monitoring.yaml", """
                        monitoring:
                          alerts:
                            - name: ExtraAlert
                          receivers:
                            - name: oncall
                        """);
    }

    @Test
    void appendsListsInFileOrderAfterTheMainFile() {
        var loaded = fleet().load();
        loaded.assertClean();
        var doc = loaded.document();
        assertEquals(List.of("main-01", "a-01", "b-01", "b-02"),
                doc.get("hosts").findValuesAsText("name"));
        assertEquals(List.of("MainAlert", "ExtraAlert"), doc.at("/monitoring/alerts").findValuesAsText("name"));
        assertEquals("oncall", doc.at("/monitoring/receivers/0/name").asText());
        assertEquals("jump-01", doc.at("/access/bastions/0/name").asText());
        assertEquals(List.of("small", "big"), iterable(doc.get("profiles").fieldNames()));
        assertFalse(doc.has("include"), "the merged document has no include key");
    }

    @Test
    void mergedPointersLocateInTheIncludedFile() {
        var loaded = fleet().load();
        assertEquals("fleet/fleet.yaml:7:5", loaded.locate("/hosts/0"));
        assertEquals("fleet/hosts/a.yaml:6:5", loaded.locate("/hosts/1"));
        assertEquals("fleet/hosts/a.yaml:7:5", loaded.locate("/hosts/1/address"));
        assertEquals("fleet/hosts/a.yaml:7:14", loaded.locateValue("/hosts/1/address"));
        assertEquals("fleet/hosts/b.yaml:3:5", loaded.locate("/hosts/3"));
        assertEquals("fleet/hosts/b.yaml:3:11", loaded.locateValue("/hosts/3/name"));
        // a missing key under an included item walks up to that item, in its file
        assertEquals("fleet/hosts/b.yaml:3:5", loaded.locate("/hosts/3/address"));
        assertEquals("fleet/hosts/a.yaml:3:3", loaded.locate("/profiles/big"));
        assertEquals("fleet/hosts/a.yaml:4:13", loaded.locate("/profiles/big/roles/0"));
        assertEquals("fleet/extra/monitoring.yaml:3:7", loaded.locate("/monitoring/alerts/1"));
        assertEquals("fleet/fleet.yaml:10:7", loaded.locate("/monitoring/alerts/0"));
        // lists and sections that only included files have are located there
        assertEquals("fleet/extra/monitoring.yaml:5:7", loaded.locate("/monitoring/receivers/0"));
        assertEquals("fleet/hosts/a.yaml:10:7", loaded.locate("/access/bastions/0"));
        assertEquals("fleet/hosts/a.yaml:10:15", loaded.locateValue("/access/bastions/0/name"));
    }

    @Test
    void profileDefinedTwiceNamesBothPlaces() {
        var loaded = fleet().write("hosts/c.yaml", "profiles:\n  small:\n    roles: [gpu]\n  big: {}\n").load();
        assertEquals(List.of(
                "fleet/hosts/c.yaml:2:3: error[INCLUDE-DUPLICATE]: profile 'small' is already defined at fleet/fleet.yaml:5:3",
                "fleet/hosts/c.yaml:4:3: error[INCLUDE-DUPLICATE]: profile 'big' is already defined at fleet/hosts/a.yaml:3:3"),
                loaded.lines());
    }

    @Test
    void gpuModelDefinedTwice() {
        var loaded = new Fixture(tmp)
                .write("fleet.yaml", "include: [gpus/*.yaml]\n")
                .write("gpus/a.yaml", "gpuModels:\n  X1: { framebufferGiB: 8 }\n")
                .write("gpus/b.yaml", "gpuModels:\n  X1: { framebufferGiB: 16 }\n")
                .load();
        var d = loaded.single("INCLUDE-DUPLICATE", "fleet/gpus/b.yaml:2:3");
        assertEquals("GPU model 'X1' is already defined at fleet/gpus/a.yaml:2:3", d.message());
        assertEquals(8, loaded.document().at("/gpuModels/X1/framebufferGiB").intValue());
    }

    @Test
    void parentDirectoryAndAbsolutePathsAreRefused() {
        var loaded = new Fixture(tmp)
                .write("fleet.yaml", "include:\n  - ../other/*.yaml\n  - /etc/passwd\n  - hosts/../../x.yaml\n")
                .load();
        assertEquals(List.of(
                "fleet/fleet.yaml:2:5: error[INCLUDE-PATH]: '../other/*.yaml' leaves the directory of fleet.yaml",
                "fleet/fleet.yaml:3:5: error[INCLUDE-PATH]: '/etc/passwd' is absolute; includes are relative to the directory of fleet.yaml",
                "fleet/fleet.yaml:4:5: error[INCLUDE-PATH]: 'hosts/../../x.yaml' leaves the directory of fleet.yaml"),
                loaded.lines());
    }

    @Test
    void symlinkLeavingTheFleetDirectoryIsRefused() throws Exception {
        var fixture = new Fixture(tmp).write("fleet.yaml", "include: [hosts/*.yaml]\n");
        Path secret = tmp.resolve("outside.yaml");
        Files.writeString(secret, "hosts: [ { name: stolen } ]\n");
        Files.createDirectories(fixture.dir().resolve("hosts"));
        Files.createSymbolicLink(fixture.dir().resolve("hosts/evil.yaml"), secret);
        var loaded = fixture.load();
        var d = loaded.single("FILE-NOT-REGULAR", "fleet/hosts/evil.yaml:1:1");
        loaded.assertMessageContains(d, "is a symbolic link");
        assertFalse(loaded.document().has("hosts"));
    }

    /** Git stores a link, not the file, so plan could not read it: validate refuses it too (SourceAgreementTest). */
    @Test
    void symlinkInsideTheFleetDirectoryIsRefusedAsInGit() throws Exception {
        var fixture = new Fixture(tmp).write("fleet.yaml", "include: [hosts/*.yaml]\n").write("shared/a.yaml", "hosts: [ { name: a } ]\n");
        Files.createDirectories(fixture.dir().resolve("hosts"));
        Files.createSymbolicLink(fixture.dir().resolve("hosts/a.yaml"), Path.of("../shared/a.yaml"));
        var loaded = fixture.load();
        var d = loaded.single("FILE-NOT-REGULAR", "fleet/hosts/a.yaml:1:1");
        loaded.assertMessageContains(d, "is a symbolic link; fleet files must be regular files");
        assertFalse(loaded.document().has("hosts"));
    }

    @Test
    void globMatchingNothing() {
        var loaded = new Fixture(tmp).write("fleet.yaml", "kind: Fleet\ninclude: [hosts/*.yaml, \"*.yml\"]\n").write("a.yml", "hosts: []\n").load();
        var d = loaded.single("INCLUDE-EMPTY", "fleet/fleet.yaml:2:11");
        assertEquals("'hosts/*.yaml' matches no file", d.message());
    }

    @Test
    void theMainFileIsNeverIncludedInItself() {
        var loaded = new Fixture(tmp).write("fleet.yaml", "include: [\"*.yaml\"]\n").load();
        loaded.single("INCLUDE-EMPTY", "fleet/fleet.yaml:1:11");
    }

    @Test
    void keysAnIncludedFileMayNotSet() {
        var loaded = new Fixture(tmp)
                .write("fleet.yaml", "include: [hosts/a.yaml]\n")
                .write("hosts/a.yaml", """
                        kind: Fleet
                        include: [more/*.yaml]
                        access:
                          groups: []
                          defaultGroup: x
                        hosts: { name: a }
                        defaults: {}
                        """)
                .load();
        assertEquals(List.of(
                "fleet/hosts/a.yaml:1:1: error[INCLUDE-KEY]: 'kind' cannot be set in an included file; it may hold hosts, profiles, gpuModels, access.bastions, access.groups, kubernetes.clusters, workloads.miners, monitoring.alerts, monitoring.receivers, monitoring.routes",
                "fleet/hosts/a.yaml:2:1: error[INCLUDE-KEY]: includes do not nest: only fleet.yaml may include files",
                "fleet/hosts/a.yaml:5:3: error[INCLUDE-KEY]: 'access.defaultGroup' cannot be set in an included file; it may hold hosts, profiles, gpuModels, access.bastions, access.groups, kubernetes.clusters, workloads.miners, monitoring.alerts, monitoring.receivers, monitoring.routes",
                "fleet/hosts/a.yaml:6:8: error[INCLUDE-KEY]: 'hosts' in an included file must be a list",
                "fleet/hosts/a.yaml:7:1: error[INCLUDE-KEY]: 'defaults' cannot be set in an included file; it may hold hosts, profiles, gpuModels, access.bastions, access.groups, kubernetes.clusters, workloads.miners, monitoring.alerts, monitoring.receivers, monitoring.routes"),
                loaded.lines());
    }

    @Test
    void errorsOfAllFilesInOneRun() {
        var loaded = new Fixture(tmp)
                .write("fleet.yaml", "include: [hosts/*.yaml]\nkind: a\nkind: b\n")
                .write("hosts/a.yaml", "hosts:\n  - name: a\n    name: b\n")
                .write("hosts/b.yaml", "hosts:\n\t- name: c\n")
                .write("hosts/c.yaml", "# nothing here yet\n")
                .load();
        assertEquals(List.of(
                "fleet/fleet.yaml:3:1: error[YAML-DUPLICATE-KEY]: duplicate key 'kind' (first defined at fleet/fleet.yaml:2:1)",
                "fleet/hosts/a.yaml:3:5: error[YAML-DUPLICATE-KEY]: duplicate key 'name' (first defined at fleet/hosts/a.yaml:2:5)",
                "fleet/hosts/b.yaml:2:1: error[YAML-TABS]: a tab is used for indentation or spacing; YAML allows only spaces there",
                "fleet/hosts/c.yaml:1:1: error[FILE-EMPTY]: the file has no YAML content (it is empty or only comments)"),
                loaded.lines());
    }

    @Test
    void includeMustBeAListOfPaths() {
        var loaded = new Fixture(tmp).write("fleet.yaml", "include: hosts/*.yaml\n").load();
        var d = loaded.single("INCLUDE-PATH", "fleet/fleet.yaml:1:10");
        assertEquals("include must be a list of paths or globs relative to fleet.yaml", d.message());
    }

    private static <T> Iterable<T> iterable(java.util.Iterator<T> it) {
        List<T> list = new java.util.ArrayList<>();
        it.forEachRemaining(list::add);
        return list;
    }
}
