package dev.fleetform.compiler.model;

import dev.fleetform.compiler.diag.Origin;

/** Where Alertmanager sends notifications. */
public sealed interface Receiver {

    String name();

    Origin origin();

    /** A DingTalk robot, reached through prometheus-webhook-dingtalk; {@code sign} may be null. */
    record DingTalk(String name, SecretRef url, SecretRef sign, Origin origin) implements Receiver {
    }

    /** A plain Alertmanager webhook. */
    record Webhook(String name, String url, Origin origin) implements Receiver {
    }
}
