package dev.fleetform.compiler.emit.jumpserver;

import dev.fleetform.compiler.emit.DataArtefact;
import dev.fleetform.compiler.emit.DataEmitter;
import dev.fleetform.compiler.emit.EmitContext;
import dev.fleetform.compiler.emit.StableIds;
import dev.fleetform.compiler.index.FleetIndex;
import dev.fleetform.compiler.model.AccessGroup;
import dev.fleetform.compiler.model.Fleet;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code jumpserver/assets.json}: the asset tree, assets and asset permissions of
 * {@code access.groups}, shaped like JumpServer v3 API objects ({@code /api/v1/assets/nodes/},
 * {@code /api/v1/assets/hosts/}, {@code /api/v1/perms/asset-permissions/}) so a sync can upsert
 * them by id. Ids are name-based UUIDs; users are JumpServer user names (the sync resolves them).
 */
public final class JumpServerEmitter implements DataEmitter {

    @Override
    public String area() {
        return "jumpserver";
    }

    @Override
    public List<DataArtefact> data(Fleet fleet, FleetIndex index, EmitContext ctx) {
        if (fleet.access().groups().isEmpty()) return List.of();
        String f = fleet.metadata().name();
        int sshPort = fleet.defaults() == null || fleet.defaults().ssh() == null ? 22 : fleet.defaults().ssh().port();
        String rootId = id("node", f);

        List<Map<String, Object>> nodes = new ArrayList<>();
        nodes.add(node(rootId, f, null, "/" + f));
        Map<String, List<String>> assetNodes = new TreeMap<>();
        List<Map<String, Object>> permissions = new ArrayList<>();
        for (AccessGroup g : fleet.access().groups()) {
            String nodeId = id("node", f, g.name());
            nodes.add(node(nodeId, g.name(), rootId, "/" + f + "/" + g.name()));
            for (FleetIndex.Node n : index.select(g.hosts())) {
                if (n.address() != null) assetNodes.computeIfAbsent(n.name(), k -> new ArrayList<>()).add(nodeId);
            }
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("id", id("permission", f, g.name()));
            p.put("name", f + "-" + g.name());
            p.put("users", g.users());
            p.put("nodes", List.of(nodeId));
            p.put("assets", List.of());
            p.put("accounts", List.of("@ALL"));
            p.put("actions", g.actions());
            p.put("is_active", true);
            permissions.add(p);
        }
        List<Map<String, Object>> assets = new ArrayList<>();
        for (FleetIndex.Node n : index.nodes()) {
            List<String> in = assetNodes.get(n.name());
            if (in == null) continue; // only what some group gives people access to
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("id", id("asset", f, n.name()));
            a.put("name", n.name());
            a.put("address", n.address());
            a.put("platform", Map.of("name", "Linux"));
            a.put("protocols", List.of(Map.of("name", "ssh", "port", sshPort)));
            a.put("nodes", in);
            a.put("labels", labels(n));
            a.put("is_active", true);
            assets.add(a);
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("apiVersion", "jumpserver/v3");
        doc.put("fleet", f);
        doc.put("nodes", nodes);
        doc.put("assets", assets);
        doc.put("permissions", permissions);
        return List.of(DataArtefact.json("jumpserver/assets.json", doc));
    }

    private static Map<String, Object> node(String id, String value, String parent, String fullValue) {
        Map<String, Object> n = new LinkedHashMap<>();
        n.put("id", id);
        n.put("value", value);
        n.put("parent", parent);
        n.put("full_value", fullValue);
        return n;
    }

    /** JumpServer v3 labels are {@code name:value} strings; roles become {@code role:<r>}. */
    private static List<String> labels(FleetIndex.Node n) {
        List<String> out = new ArrayList<>();
        new TreeMap<>(n.labels()).forEach((k, v) -> out.add(k + ":" + v));
        for (String r : n.roles()) out.add("role:" + r);
        return out;
    }

    private static String id(String... names) {
        return StableIds.uuid(names).toString();
    }
}
