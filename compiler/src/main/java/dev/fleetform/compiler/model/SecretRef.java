package dev.fleetform.compiler.model;

/**
 * A reference to a secret, never the secret: {@code namespace/name#key} of a Kubernetes Secret,
 * {@code env:NAME} or {@code file:PATH}.
 */
public sealed interface SecretRef {

    /** As written in fleet.yaml. */
    String text();

    record Kubernetes(String namespace, String name, String key) implements SecretRef {
        public String text() {
            return namespace + "/" + name + "#" + key;
        }
    }

    record Env(String variable) implements SecretRef {
        public String text() {
            return "env:" + variable;
        }
    }

    record File(String path) implements SecretRef {
        public String text() {
            return "file:" + path;
        }
    }

    /** Parses a reference the schema already accepted; returns null for anything else. */
    static SecretRef parse(String text) {
        if (text.startsWith("env:")) return new Env(text.substring(4));
        if (text.startsWith("file:")) return new File(text.substring(5));
        int slash = text.indexOf('/');
        int hash = text.indexOf('#');
        if (slash <= 0 || hash <= slash + 1 || hash == text.length() - 1) return null;
        return new Kubernetes(text.substring(0, slash), text.substring(slash + 1, hash), text.substring(hash + 1));
    }
}
