package dev.fleetform.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.everit.json.schema.Schema;
import org.everit.json.schema.ValidationException;
import org.everit.json.schema.loader.SchemaLoader;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;

/**
 * approvals.schema.json documents approvals.yaml as Approvals (compiler/.../plan/Approvals.java)
 * reads it: the example in Approvals' javadoc conforms, and the mistakes Approvals reports are
 * schema errors too.
 */
class ApprovalsSchemaTest {
    private static final Path SCHEMA_FILE = Path.of("approvals.schema.json");
    private static final Path APPROVALS_JAVA = Path.of("../compiler/src/main/java/dev/fleetform/compiler/plan/Approvals.java");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static Schema schema() throws IOException {
        return SchemaLoader.builder().draftV7Support().schemaClient(new LocalSchemaClient())
                .regexpFactory(new EndAnchoredRegexpFactory())
                .schemaJson(new JSONObject(Files.readString(SCHEMA_FILE, StandardCharsets.UTF_8)))
                .build().load().build();
    }

    private static void validate(String yaml) throws IOException {
        schema().validate(JsonTrees.toOrgJson(YAML.readTree(yaml)));
    }

    /** The YAML between {@code <pre>} and {@code </pre>} in Approvals' class comment. */
    private static String javadocExample() throws IOException {
        String java = Files.readString(APPROVALS_JAVA, StandardCharsets.UTF_8);
        int from = java.indexOf("<pre>");
        int to = java.indexOf("</pre>", from);
        assertTrue(from >= 0 && to > from, "Approvals' javadoc has no <pre> example");
        return java.substring(from + "<pre>".length(), to).lines()
                .map(l -> l.replaceFirst("^\\s*\\* ?", ""))
                .collect(Collectors.joining("\n")).strip() + "\n";
    }

    @Test
    void theJavadocExampleConforms() throws IOException {
        String example = javadocExample();
        assertTrue(example.startsWith("approvals:"), example);
        validate(example);
    }

    @Test
    void everyPropertyIsDescribedAndClosed() throws IOException {
        JsonNode s = new ObjectMapper().readTree(SCHEMA_FILE.toFile());
        assertEquals("http://json-schema.org/draft-07/schema#", s.get("$schema").asText());
        JsonNode item = s.at("/properties/approvals/items");
        for (JsonNode obj : new JsonNode[] {s, item}) {
            assertFalse(obj.get("additionalProperties").asBoolean(true), obj::toString);
            obj.get("properties").forEach(p -> assertTrue(p.path("description").asText().length() > 10, p::toString));
        }
    }

    @Test
    void aMissingReasonIsRejected() {
        ValidationException e = assertThrows(ValidationException.class, () -> validate("""
                approvals:
                  - { address: host/st-01/raid/md0, approver: alice }
                """));
        assertTrue(e.getAllMessages().toString().contains("reason"), e.getAllMessages().toString());
    }

    @Test
    void aBlankReasonAndAnUnknownKeyAreRejected() {
        assertThrows(ValidationException.class, () -> validate("""
                approvals:
                  - { address: host/st-01/raid/md0, reason: "  ", approver: alice }
                """));
        assertThrows(ValidationException.class, () -> validate("""
                approvals:
                  - { address: host/st-01/raid/md0, reason: rebuild, approver: alice, ticket: OPS-1 }
                """));
        assertThrows(ValidationException.class, () -> validate("approval: []\n"));
    }

    @Test
    void anEmptyListIsFine() throws IOException {
        validate("approvals: []\n");
        validate("approvals:\n");
    }
}
