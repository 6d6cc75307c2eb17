package dev.fleetform.reconciler.kubernetes.apiserver;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** A {@code Status} failure body as kube-apiserver answers it (metav1.Status, StatusReason*). */
final class StatusBody {
    private StatusBody() {
    }

    static String failure(int code, String message) {
        return failure(code, reason(code), message, null, null);
    }

    /**
     * The Status kube-apiserver answers where the mock answers a bare 404 or a 409 with reason
     * Invalid: NotFound, AlreadyExists and Conflict, with its messages and details, so that code
     * telling them apart (re-read on Conflict, not on AlreadyExists) is tested.
     */
    static String real(int code, String mockBody, ApiPath path, String nameFromBody) {
        if (path.plural() == null) {
            return null;
        }
        String name = path.name() != null ? path.name() : nameFromBody;
        String resource = path.qualified();
        if (code == 404) {
            return failure(404, "NotFound", resource + " \"" + name + "\" not found", path, name);
        }
        if (code == 409 && mockBody != null && mockBody.contains("already exists")) {
            return failure(409, "AlreadyExists", resource + " \"" + name + "\" already exists", path, name);
        }
        if (code == 409) {
            return failure(409, "Conflict", "Operation cannot be fulfilled on " + resource + " \"" + name
                    + "\": the object has been modified; please apply your changes to the latest version and try again",
                    path, name);
        }
        return null;
    }

    private static String failure(int code, String reason, String message, ApiPath path, String name) {
        ObjectNode status = Json.NODES.objectNode();
        status.put("kind", "Status");
        status.put("apiVersion", "v1");
        status.putObject("metadata");
        status.put("status", "Failure");
        status.put("message", message);
        status.put("reason", reason);
        if (path != null) {
            ObjectNode details = status.putObject("details");
            if (name != null) {
                details.put("name", name);
            }
            if (!path.group().isEmpty()) {
                details.put("group", path.group());
            }
            details.put("kind", path.plural());
        }
        if (code == 429) {
            status.putObject("details").put("retryAfterSeconds", 1);
        }
        status.put("code", code);
        return Json.write(status);
    }

    static String reason(int code) {
        return switch (code) {
            case 400 -> "BadRequest";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "NotFound";
            case 405 -> "MethodNotAllowed";
            case 406 -> "NotAcceptable";
            case 409 -> "Conflict";
            case 410 -> "Expired";
            case 413 -> "RequestEntityTooLarge";
            case 415 -> "UnsupportedMediaType";
            case 422 -> "Invalid";
            case 429 -> "TooManyRequests";
            case 500 -> "InternalError";
            case 503 -> "ServiceUnavailable";
            case 504 -> "Timeout";
            default -> "Unknown";
        };
    }
}
