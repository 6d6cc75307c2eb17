package dev.fleetform.bench;

import dev.fleetform.reconciler.kubernetes.apiserver.ApiServer;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Requests an API server received, counted by verb as kube-apiserver's audit log names them:
 * a GET of a collection is a LIST (or a WATCH), of one object a GET; POST, PUT, PATCH and
 * DELETE are writes. Also by method and by resource ({@code deployments}, {@code nodes}...).
 */
public record RequestCounts(int total, int lists, int gets, int watches, int writes,
                            Map<String, Integer> byMethod, Map<String, Map<String, Integer>> byResource) {

    public static RequestCounts of(List<ApiServer.Recorded> requests) {
        int lists = 0, gets = 0, watches = 0, writes = 0;
        Map<String, Integer> byMethod = new TreeMap<>();
        Map<String, Map<String, Integer>> byResource = new TreeMap<>();
        for (ApiServer.Recorded r : requests) {
            Path p = Path.parse(r.path());
            String verb;
            if (r.isWrite()) {
                verb = r.method();
                writes++;
            } else if (!r.method().equals("GET")) {
                verb = r.method();
            } else if (r.query() != null && r.query().matches("(^|.*&)watch=(true|1)(&.*|$)")) {
                verb = "WATCH";
                watches++;
            } else if (p.name() == null) {
                verb = "LIST";
                lists++;
            } else {
                verb = "GET";
                gets++;
            }
            byMethod.merge(r.method(), 1, Integer::sum);
            byResource.computeIfAbsent(p.resource(), k -> new TreeMap<>()).merge(verb, 1, Integer::sum);
        }
        return new RequestCounts(requests.size(), lists, gets, watches, writes, byMethod, byResource);
    }

    /**
     * One line: {@code requests total=N list=N get=N watch=N writes=N POST=N PUT=N PATCH=N DELETE=N | nodes LIST=1 PATCH=950; ...}
     * (the key=value part is what bench/kube.sh reads).
     */
    public String line() {
        StringBuilder sb = new StringBuilder("requests total=").append(total).append(" list=").append(lists)
                .append(" get=").append(gets).append(" watch=").append(watches).append(" writes=").append(writes);
        for (String m : List.of("POST", "PUT", "PATCH", "DELETE")) sb.append(' ').append(m).append('=').append(byMethod.getOrDefault(m, 0));
        sb.append(" |");
        String sep = " ";
        for (var e : byResource.entrySet()) {
            sb.append(sep).append(e.getKey());
            e.getValue().forEach((verb, n) -> sb.append(' ').append(verb).append('=').append(n));
            sep = "; ";
        }
        return sb.toString();
    }

    /**
     * An API path read as kube-apiserver routes it: {@code /api/v1[/namespaces/NS]/RESOURCE[/NAME[/SUB]]}
     * or {@code /apis/GROUP/VERSION/...}; a path that is neither (e.g. {@code /version}) is its own resource.
     */
    record Path(String resource, String name) {
        static Path parse(String path) {
            String[] s = path.replaceAll("^/+|/+$", "").split("/");
            int i;
            if (s.length >= 2 && s[0].equals("api")) i = 2;
            else if (s.length >= 3 && s[0].equals("apis")) i = 3;
            else return new Path(path, null);
            int left = s.length - i;
            if (left <= 0) return new Path(path, null);
            // namespaces/NS/RESOURCE... is namespaced; namespaces and namespaces/NS are the Namespaces themselves
            if (s[i].equals("namespaces") && left >= 3) i += 2;
            String sub = s.length > i + 2 ? "/" + s[i + 2] : "";
            return new Path(s[i] + sub, s.length > i + 1 ? s[i + 1] : null);
        }
    }
}
