package dev.fleetform.reconciler.kubernetes.apiserver;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** A {@code Status} failure body as kube-apiserver answers it (metav1.Status, StatusReason*). */
final class StatusBody {
    private StatusBody() {
    }

    static String failure(int code, String message) {
        ObjectNode status = Json.NODES.objectNode();
        status.put("kind", "Status");
        status.put("apiVersion", "v1");
        status.putObject("metadata");
        status.put("status", "Failure");
        status.put("message", message);
        status.put("reason", reason(code));
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
