package dev.fleetform.compiler.check.secret;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fleetform.compiler.check.CheckContext;
import dev.fleetform.compiler.check.Reporter;
import dev.fleetform.compiler.check.Rule;
import dev.fleetform.compiler.diag.Origin;
import dev.fleetform.compiler.secret.SecretShape;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * SECRET-MATERIAL: no string anywhere in the document (as written, includes merged) looks like
 * secret material: a private key, a robot URL with its access token, a URL with a password, an
 * AWS key id, a Slack or GitHub token. fleet.yaml lives in git; secrets are only referenced.
 */
public final class SecretMaterialRule implements Rule {
    private static final SecretShape[] SHAPES = SecretShape.values();

    @Override
    public String id() {
        return "SECRET-MATERIAL";
    }

    @Override
    public void check(CheckContext ctx, Reporter out) {
        walk(ctx.document(), new ArrayList<>(), ctx, out);
    }

    /** Depth-first over the tree; {@code path} holds the pointer segments (String keys, Integer indexes). */
    private static void walk(JsonNode node, List<Object> path, CheckContext ctx, Reporter out) {
        if (node.isTextual()) {
            scan(node.textValue(), path, ctx, out);
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                path.add(field.getKey());
                walk(field.getValue(), path, ctx, out);
                path.removeLast();
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                path.add(i);
                walk(node.get(i), path, ctx, out);
                path.removeLast();
            }
        }
    }

    private static void scan(String text, List<Object> path, CheckContext ctx, Reporter out) {
        for (SecretShape shape : SHAPES) {
            String masked = shape.find(text);
            if (masked == null) continue;
            // One report per value: the whole value has to move out of the file anyway.
            out.error(ctx.sources().locateValue(pointer(path)),
                    "this value holds " + shape.description() + " (" + masked + "): the fleet repository is in git,"
                            + " so everyone who can read it can read the secret",
                    "store it in a Kubernetes Secret and reference it (secretRef: ns/name#key), or use env:NAME"
                            + " or file:PATH; rotate it, because it is already in the git history");
            return;
        }
    }

    private static String pointer(List<Object> path) {
        Origin o = Origin.ROOT;
        for (Object segment : path) o = segment instanceof Integer i ? o.child(i) : o.child((String) segment);
        return o.pointer();
    }
}
