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
 * to the reconciler's working directory (or absolute), one trailing line break dropped. A
 * Kubernetes Secret reference is not resolved here yet: it is refused, saying so.
 */
public final class BridgeSecrets {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{secret:([^}]+)}");

    /** Why a file cannot be filled in; the message names references, never values. */
    public static final class Unresolved extends Exception {
        public Unresolved(String message) {
            super(message);
        }
    }

    private final Function<String, String> env;
    private final Path workingDir;

    public BridgeSecrets(Function<String, String> env, Path workingDir) {
        this.env = env;
        this.workingDir = workingDir;
    }

    public static BridgeSecrets ofProcess() {
        return new BridgeSecrets(System::getenv, Path.of("").toAbsolutePath());
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
            case SecretRef.Kubernetes k -> throw new Unresolved("secret " + text + ": Kubernetes Secret references are not resolved for "
                    + "the DingTalk bridge yet; use env:NAME or file:PATH");
            case null -> throw new Unresolved("not a secret reference: " + text);
        }
    }
}
