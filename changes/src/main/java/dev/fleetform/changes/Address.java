package dev.fleetform.changes;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Where a resource lives, the same for plan, drift and apply, and for approvals and
 * {@code --target}. Parsed once into its parts, so nothing downstream slices strings:
 * <ul>
 *   <li>{@code host/<host>} and everything on it: {@code host/st-01/raid/md0},
 *       {@code host/gx-01/vm/gx-01-b/vgpu/0} ({@link OnHost});</li>
 *   <li>{@code k8s/<cluster>/<apiVersion>/<Kind>/<namespace|->/<name>}, core ({@code v1}) and
 *       grouped ({@code apps/v1}) apiVersions alike ({@link Kube});</li>
 *   <li>outputs that are not on a host: {@code prometheus/rule/<group>/<name>},
 *       {@code prometheus/scrape/<job>/<key>}, {@code prometheus/prometheus.yml},
 *       {@code alertmanager/<file>}, {@code jumpserver/asset/<name>} ({@link Output});</li>
 *   <li>a change made once in {@code defaults} or a profile: {@code defaults/sysctl/vm.swappiness},
 *       {@code profile/gpu/raid/md0} ({@link Shared}).</li>
 * </ul>
 * Addresses order as their text does (the plan's order).
 */
public sealed interface Address extends Comparable<Address> {

    /** The text form, e.g. {@code host/st-01/raid/md0}. */
    String text();

    /** The last part: {@code md0}, a Kubernetes object's name, a rule's name. */
    String name();

    /** Whether {@code prefix} is this address or an address above it, part by part ({@code k8s/prod} is above {@code k8s/prod/v1/...}, not {@code k8s/production/...}). */
    default boolean startsWith(String prefix) {
        String t = text();
        if (!t.startsWith(prefix)) return false;
        return t.length() == prefix.length() || prefix.endsWith("/") || t.charAt(prefix.length()) == '/';
    }

    @Override
    default int compareTo(Address other) {
        return text().compareTo(other.text());
    }

    /** Parses an address written by a plan, a user or a saved plan; refuses anything else with the reason. */
    static Address parse(String text) {
        Objects.requireNonNull(text);
        List<String> s = Arrays.asList(text.split("/", -1));
        if (s.stream().anyMatch(String::isEmpty)) throw new IllegalArgumentException("not an address (an empty part): " + text);
        String family = s.getFirst();
        List<String> rest = s.subList(1, s.size());
        return switch (family) {
            case "host" -> {
                if (rest.isEmpty()) throw new IllegalArgumentException("not an address (host/<host>/...): " + text);
                yield new OnHost(rest.getFirst(), List.copyOf(rest.subList(1, rest.size())));
            }
            case "k8s" -> switch (rest.size()) {
                case 5 -> new Kube(rest.get(0), rest.get(1), rest.get(2), namespace(rest.get(3)), rest.get(4));
                case 6 -> new Kube(rest.get(0), rest.get(1) + "/" + rest.get(2), rest.get(3), namespace(rest.get(4)), rest.get(5));
                default -> throw new IllegalArgumentException(
                        "not a Kubernetes address (k8s/<cluster>/<apiVersion>/<Kind>/<namespace|->/<name>): " + text);
            };
            case "defaults" -> {
                if (rest.isEmpty()) throw new IllegalArgumentException("not an address (defaults/...): " + text);
                yield new Shared(null, List.copyOf(rest));
            }
            case "profile" -> {
                if (rest.size() < 2) throw new IllegalArgumentException("not an address (profile/<profile>/...): " + text);
                yield new Shared(rest.getFirst(), List.copyOf(rest.subList(1, rest.size())));
            }
            case "prometheus", "alertmanager", "jumpserver" -> {
                if (rest.isEmpty()) throw new IllegalArgumentException("not an address (" + family + "/...): " + text);
                yield new Output(family, List.copyOf(rest));
            }
            default -> throw new IllegalArgumentException("not an address (it starts with host/, k8s/, prometheus/, alertmanager/, "
                    + "jumpserver/, defaults/ or profile/): " + text);
        };
    }

    private static String namespace(String part) {
        return part.equals("-") ? null : part;
    }

    /** The host itself ({@code path} empty) or something on it; {@code path} e.g. {@code [raid, md0]}. */
    record OnHost(String host, List<String> path) implements Address {
        public OnHost {
            Objects.requireNonNull(host);
            path = List.copyOf(path);
        }

        public static OnHost of(String host) {
            return new OnHost(host, List.of());
        }

        /** The address {@code parts} below this one: {@code host/h} + {@code raid, md0}. */
        public OnHost child(String... parts) {
            List<String> p = new ArrayList<>(path.size() + parts.length);
            p.addAll(path);
            p.addAll(Arrays.asList(parts));
            return new OnHost(host, p);
        }

        public boolean isHost() {
            return path.isEmpty();
        }

        /** The VM this is (or is part of), or null: {@code gx-01-b} of {@code host/gx-01/vm/gx-01-b/disk/0}. */
        public String vm() {
            return path.size() >= 2 && path.getFirst().equals("vm") ? path.get(1) : null;
        }

        /** The VM's own address for a VM or a part of one, else null. */
        public OnHost vmAddress() {
            return vm() == null ? null : new OnHost(host, path.subList(0, 2));
        }

        /** The path below the host as text: {@code raid/md0}, {@code vm/x/disk/0}; empty for the host. */
        public String relative() {
            return String.join("/", path);
        }

        /** The name in reasons: {@code md0}, {@code vm.swappiness}, {@code x/disk/0} for a VM's part; the host's name for the host. */
        @Override
        public String name() {
            if (path.isEmpty()) return host;
            if (path.size() == 1) return path.getFirst();
            return String.join("/", path.subList(1, path.size()));
        }

        @Override
        public String text() {
            return path.isEmpty() ? "host/" + host : "host/" + host + "/" + relative();
        }

        @Override
        public String toString() {
            return text();
        }
    }

    /** A Kubernetes object; {@code namespace} null for a cluster-scoped one (written {@code -}). */
    record Kube(String cluster, String apiVersion, String kind, String namespace, String name) implements Address {
        public Kube {
            Objects.requireNonNull(cluster);
            Objects.requireNonNull(apiVersion);
            Objects.requireNonNull(kind);
            Objects.requireNonNull(name);
        }

        @Override
        public String text() {
            return "k8s/" + cluster + "/" + apiVersion + "/" + kind + "/" + (namespace == null ? "-" : namespace) + "/" + name;
        }

        @Override
        public String toString() {
            return text();
        }
    }

    /** An output that belongs to no host: {@code area} is {@code prometheus}, {@code alertmanager} or {@code jumpserver}. */
    record Output(String area, List<String> path) implements Address {
        public Output {
            Objects.requireNonNull(area);
            path = List.copyOf(path);
            if (path.isEmpty()) throw new IllegalArgumentException("an output address needs a path below " + area);
        }

        public static Output of(String area, String... path) {
            return new Output(area, List.of(path));
        }

        @Override
        public String name() {
            return path.getLast();
        }

        @Override
        public String text() {
            return area + "/" + String.join("/", path);
        }

        @Override
        public String toString() {
            return text();
        }
    }

    /**
     * A change made once in {@code defaults} ({@code profile} null) or in a profile, shown once for
     * all the hosts it reaches; {@code path} is the address below each host ({@code sysctl/vm.swappiness}).
     */
    record Shared(String profile, List<String> path) implements Address {
        public Shared {
            path = List.copyOf(path);
        }

        /** {@code defaults} or {@code profile/<p>}. */
        public String source() {
            return profile == null ? "defaults" : "profile/" + profile;
        }

        @Override
        public String name() {
            return path.size() == 1 ? path.getFirst() : String.join("/", path.subList(1, path.size()));
        }

        @Override
        public String text() {
            return source() + "/" + String.join("/", path);
        }

        @Override
        public String toString() {
            return text();
        }
    }
}
