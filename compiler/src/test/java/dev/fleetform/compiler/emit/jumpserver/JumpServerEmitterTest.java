package dev.fleetform.compiler.emit.jumpserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fleetform.compiler.emit.Compiled;
import dev.fleetform.compiler.testing.Fleets;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class JumpServerEmitterTest {

    private static JsonNode doc(String yaml) throws Exception {
        return new ObjectMapper().readTree(Compiled.emit(new JumpServerEmitter(), yaml).get(0).bytes());
    }

    @Test
    void accessGroupsBecomeNodesAssetsAndPermissions() throws Exception {
        JsonNode d = doc(Fleets.SAMPLE);
        assertEquals("/sample/storage-ops", d.get("nodes").get(1).get("full_value").asText());
        assertEquals(d.get("nodes").get(0).get("id"), d.get("nodes").get(1).get("parent"));
        JsonNode assets = d.get("assets");
        assertEquals(1, assets.size(), "only hosts some group selects: store-01 has role storage");
        assertEquals("store-01", assets.get(0).get("name").asText());
        assertEquals("10.0.1.11", assets.get(0).get("address").asText());
        assertEquals(22, assets.get(0).get("protocols").get(0).get("port").asInt());
        assertEquals(d.get("nodes").get(1).get("id"), assets.get(0).get("nodes").get(0));
        JsonNode perm = d.get("permissions").get(0);
        List<String> users = new ArrayList<>();
        perm.get("users").forEach(u -> users.add(u.asText()));
        assertEquals(List.of("alice", "bob"), users);
        assertEquals("[\"connect\",\"upload\",\"download\"]", perm.get("actions").toString());
        assertEquals(d.get("nodes").get(1).get("id"), perm.get("nodes").get(0));
    }

    @Test
    void idsAreStableSoASyncCanUpsert() throws Exception {
        assertEquals(doc(Fleets.SAMPLE), doc(Fleets.SAMPLE));
        // renaming an unrelated host does not change the storage-ops node's id
        JsonNode renamed = doc(Fleets.edit(Fleets.SAMPLE, "- name: gpu-01\n", "- name: gpu-09\n")
                .replace("gpu-01-vm1", "gpu-09-vm1"));
        assertEquals(doc(Fleets.SAMPLE).get("nodes").get(1).get("id"), renamed.get("nodes").get(1).get("id"));
    }

    @Test
    void noGroupsNoFile() {
        assertEquals(List.of(), Compiled.emit(new JumpServerEmitter(), Fleets.MINIMAL));
    }
}
