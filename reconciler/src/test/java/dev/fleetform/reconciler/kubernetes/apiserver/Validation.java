package dev.fleetform.reconciler.kubernetes.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;

/** The one piece of kube-apiserver's validation the fixture keeps: the size of annotations. */
final class Validation {
    /** apimachinery's TotalAnnotationSizeLimitB: keys and values together. */
    static final int ANNOTATIONS_LIMIT = 256 * 1024;

    private Validation() {
    }

    /** Why the object is invalid, as kube-apiserver words it, or null. */
    static String invalid(JsonNode object) {
        if (object == null) {
            return null;
        }
        long size = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = object.path("metadata").path("annotations").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> annotation = it.next();
            size += annotation.getKey().getBytes(StandardCharsets.UTF_8).length
                    + annotation.getValue().asText().getBytes(StandardCharsets.UTF_8).length;
        }
        if (size <= ANNOTATIONS_LIMIT) {
            return null;
        }
        return Json.text(object, "kind") + " \"" + Json.text(object, "metadata", "name")
                + "\" is invalid: metadata.annotations: Too long: must have at most " + ANNOTATIONS_LIMIT + " bytes";
    }
}
