package dev.fleetform.compiler.load;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tree and the exact locations of keys, list items and values. */
class YamlTreeTest {

    @TempDir
    Path tmp;

    private static final String FLEET = """
            apiVersion: fleetform.dev/v1
            kind: Fleet
            hosts:
              - name: gpu-01
                address: 10.0.2.11
                labels: { rack: r02, "a/b": x, "t~": y }
              -   name: gpu-02
                  vms:
                    - name: vm1
                      vcpus: 16
            metadata:
              owners: [sre@example.com, ops@example.com]
            """;

    @Test
    void buildsTheTree() {
        var loaded = new Fixture(tmp).write("fleet.yaml", FLEET).load();
        loaded.assertClean();
        assertEquals("gpu-02", loaded.document().at("/hosts/1/name").asText());
        assertEquals(16, loaded.document().at("/hosts/1/vms/0/vcpus").intValue());
        assertEquals("ops@example.com", loaded.document().at("/metadata/owners/1").asText());
    }

    @Test
    void locatesKeysItemsAndValues() {
        var loaded = new Fixture(tmp).write("fleet.yaml", FLEET).load();
        assertEquals("fleet/fleet.yaml:1:1", loaded.locate(""));
        assertEquals("fleet/fleet.yaml:2:1", loaded.locate("/kind"));
        assertEquals("fleet/fleet.yaml:2:7", loaded.locateValue("/kind"));
        assertEquals("fleet/fleet.yaml:3:1", loaded.locate("/hosts"));
        // a list item is located at its first token, its mapping's first key
        assertEquals("fleet/fleet.yaml:4:5", loaded.locate("/hosts/0"));
        assertEquals("fleet/fleet.yaml:7:7", loaded.locate("/hosts/1"));
        assertEquals("fleet/fleet.yaml:5:5", loaded.locate("/hosts/0/address"));
        assertEquals("fleet/fleet.yaml:5:14", loaded.locateValue("/hosts/0/address"));
        assertEquals("fleet/fleet.yaml:10:11", loaded.locate("/hosts/1/vms/0/vcpus"));
        assertEquals("fleet/fleet.yaml:10:18", loaded.locateValue("/hosts/1/vms/0/vcpus"));
        // flow collections: key and value columns inside the braces and brackets
        assertEquals("fleet/fleet.yaml:6:15", loaded.locate("/hosts/0/labels/rack"));
        assertEquals("fleet/fleet.yaml:6:21", loaded.locateValue("/hosts/0/labels/rack"));
        assertEquals("fleet/fleet.yaml:12:29", loaded.locate("/metadata/owners/1"));
        // RFC 6901 escapes in keys
        assertEquals("fleet/fleet.yaml:6:26", loaded.locate("/hosts/0/labels/a~1b"));
        assertEquals("fleet/fleet.yaml:6:36", loaded.locate("/hosts/0/labels/t~0"));
    }

    @Test
    void missingPointersWalkUpToTheNearestAncestor() {
        var loaded = new Fixture(tmp).write("fleet.yaml", FLEET).load();
        assertEquals("fleet/fleet.yaml:7:7", loaded.locate("/hosts/1/address"));
        assertEquals("fleet/fleet.yaml:7:7", loaded.locateValue("/hosts/1/address"));
        assertEquals("fleet/fleet.yaml:3:1", loaded.locate("/hosts/7/name"));
        assertEquals("fleet/fleet.yaml:3:1", loaded.locate("/hosts/x"));
        assertEquals("fleet/fleet.yaml:1:1", loaded.locate("/nothing/here"));
    }

    @Test
    void crlfLineEndingsKeepLocations() {
        var loaded = new Fixture(tmp).write("fleet.yaml", FLEET.replace("\n", "\r\n")).load();
        loaded.assertClean();
        assertEquals("fleet/fleet.yaml:10:11", loaded.locate("/hosts/1/vms/0/vcpus"));
        assertEquals("fleet/fleet.yaml:10:18", loaded.locateValue("/hosts/1/vms/0/vcpus"));
        assertEquals("gpu-02", loaded.document().at("/hosts/1/name").asText());
    }

    @Test
    void utf8ByteOrderMarkIsAccepted() {
        byte[] text = "kind: Fleet\nname: é\n".getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[text.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(text, 0, withBom, 3, text.length);
        var loaded = new Fixture(tmp).write("fleet.yaml", withBom).load();
        loaded.assertClean();
        assertEquals("é", loaded.document().get("name").asText());
        assertEquals("fleet/fleet.yaml:2:7", loaded.locateValue("/name"));
    }

    @Test
    void tabsInsideQuotedValuesAreFine() {
        var loaded = new Fixture(tmp).write("fleet.yaml", "a: \"x\ty\"\nb: 'p\tq'\n").load();
        loaded.assertClean();
        assertEquals("x\ty", loaded.document().get("a").asText());
        assertEquals("p\tq", loaded.document().get("b").asText());
    }

    @Test
    void manyNodesStayLocated() {
        StringBuilder yaml = new StringBuilder("hosts:\n");
        for (int i = 0; i < 5000; i++) yaml.append("  - { name: h").append(i).append(", labels: { rack: r").append(i % 7).append(" } }\n");
        var loaded = new Fixture(tmp).write("fleet.yaml", yaml.toString()).load();
        loaded.assertClean();
        assertEquals("fleet/fleet.yaml:5001:5", loaded.locate("/hosts/4999"));
        assertEquals("fleet/fleet.yaml:5001:13", loaded.locateValue("/hosts/4999/name"));
        assertEquals("fleet/fleet.yaml:2:33", loaded.locateValue("/hosts/0/labels/rack"));
        assertEquals("fleet/fleet.yaml:2501:36", loaded.locateValue("/hosts/2499/labels/rack"));
    }
}
