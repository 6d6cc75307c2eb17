package dev.fleetform.reconciler.host.monitoring;

import dev.fleetform.compiler.emit.DataArtefact;
import dev.fleetform.compiler.model.SecretRef;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills the DingTalk bridge's placeholders ({@code ${secret:monitoring/dingtalk#url}}, written by
 * the compiler because the bridge reads only literal values) with the secrets' values, at apply
 * time and in memory only. The values are put into the file's values and serialised again, so a
 * value is escaped as YAML needs. No message of this class holds a value: only references.
 *
 * <p>{@code env:NAME} is the reconciler's environment variable; {@code file:PATH} a file relative
 * to the reconciler's working directory (or absolute), one trailing line break dropped;
 * {@code namespace/name#key} the key of that Secret, read by {@link Kubernetes} (one GET, at
 * apply time and for drift, never stored).
 */
public final class BridgeSecrets {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{secret:([^}]+)}");

    /** Why a file cannot be filled in; the message names references, never values. */
    public static final class Unresolved extends Exception {
        public Unresolved(String message) {
            super(message);
        }
    }

    /** Reads the value of a Kubernetes Secret's key; its messages name the Secret and the cluster, never a value. */
    @FunctionalInterface
    public interface Kubernetes {
        String value(SecretRef.Kubernetes ref) throws Unresolved;

        Kubernetes NONE = ref -> {
            throw new Unresolved("secret " + ref.text() + ": the fleet declares no Kubernetes cluster to read the Secret from "
                    + "(kubernetes.clusters); use env:NAME or file:PATH");
        };
    }

    private final Function<String, String> env;
    private final Path workingDir;
    private final Kubernetes kubernetes;

    public BridgeSecrets(Function<String, String> env, Path workingDir) {
        this(env, workingDir, Kubernetes.NONE);
    }

    public BridgeSecrets(Function<String, String> env, Path workingDir, Kubernetes kubernetes) {
        this.env = env;
        this.workingDir = workingDir;
        this.kubernetes = kubernetes;
    }

    public static BridgeSecrets ofProcess() {
        return new BridgeSecrets(System::getenv, Path.of("").toAbsolutePath());
    }

    /** These secrets, with Kubernetes Secret references read by {@code kubernetes}. */
    public BridgeSecrets withKubernetes(Kubernetes kubernetes) {
        return new BridgeSecrets(env, workingDir, kubernetes);
    }

    /** The file's bytes with every placeholder replaced by its secret's value. */
    public byte[] fill(DataArtefact file) throws Unresolved {
        Map<String, String> values = new LinkedHashMap<>();
        List<Object> docs = new ArrayList<>();
        for (Object v : file.values()) docs.add(replace(v, values));
        return new DataArtefact(file.path(), file.syntax(), file.header(), docs).artefact().bytes();
    }

    private Object replace(Object v, Map<String, String> cache) throws Unresolved {
        if (v instanceof String s) {
            Matcher m = PLACEHOLDER.matcher(s);
            if (!m.matches()) return s;
            String ref = m.group(1);
            String value = cache.get(ref);
            if (value == null) {
                value = resolve(ref);
                cache.put(ref, value);
            }
            return value;
        }
        if (v instanceof Map<?, ?> map) {
            Map<Object, Object> out = new LinkedHashMap<>();
            for (var e : map.entrySet()) out.put(e.getKey(), replace(e.getValue(), cache));
            return out;
        }
        if (v instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            for (Object x : list) out.add(replace(x, cache));
            return out;
        }
        return v;
    }

    private String resolve(String text) throws Unresolved {
        SecretRef ref = SecretRef.parse(text);
        switch (ref) {
            case SecretRef.Env e -> {
                String v = env.apply(e.variable());
                if (v == null || v.isEmpty()) throw new Unresolved("secret " + text + ": the environment variable " + e.variable() + " is not set");
                return v;
            }
            case SecretRef.File f -> {
                Path p = workingDir.resolve(f.path());
                try {
                    String v = Files.readString(p, StandardCharsets.UTF_8);
                    if (v.endsWith("\n")) v = v.substring(0, v.length() - 1);
                    if (v.endsWith("\r")) v = v.substring(0, v.length() - 1);
                    if (v.isEmpty()) throw new Unresolved("secret " + text + ": " + p + " is empty");
                    return v;
                } catch (IOException e) {
                    throw new Unresolved("secret " + text + ": cannot read " + p + " (" + e.getClass().getSimpleName() + ")");
                }
            }
            case SecretRef.Kubernetes k -> {
                String v = kubernetes.value(k);
                if (v == null || v.isEmpty()) throw new Unresolved("secret " + text + ": the key " + k.key() + " of Secret "
                        + k.namespace() + "/" + k.name() + " is empty");
                return v;
            }
            case null -> throw new Unresolved("not a secret reference: " + text);
        }
    }
}
