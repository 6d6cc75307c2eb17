package dev.fleetform.compiler.emit.alertmanager;

import dev.fleetform.compiler.model.SecretRef;

/**
 * prometheus-webhook-dingtalk (v2), which turns Alertmanager webhooks into DingTalk robot
 * messages. Alertmanager posts to {@code <monitoring.dingtalkBridge>/dingtalk/<target>/send}.
 */
final class DingtalkBridge {

    private DingtalkBridge() {
    }

    /**
     * The bridge accepts target names {@code ^[a-zA-Z][a-zA-Z0-9\-_]*$}; receiver names may start
     * with a digit, which gets an {@code r_} prefix (no receiver name holds {@code _}, so no clash).
     */
    static String target(String receiver) {
        char c = receiver.charAt(0);
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ? receiver : "r_" + receiver;
    }

    /** {@code baseUrl} is schema-checked: scheme, host and port only, so no '/' to join. */
    static String webhookUrl(String baseUrl, String receiver) {
        return baseUrl + "/dingtalk/" + target(receiver) + "/send";
    }

    /**
     * The bridge reads the robot URL and signing secret only as literal values in its config (no
     * file or environment indirection), so the emitted file carries a placeholder per reference
     * that the deployment replaces with the secret's value.
     */
    static String placeholder(SecretRef ref) {
        return "${secret:" + ref.text() + "}";
    }
}
