package dev.fleetform.compiler.emit.ansible;

import dev.fleetform.compiler.emit.Artefact;
import dev.fleetform.compiler.emit.EmitContext;
import dev.fleetform.compiler.emit.Emitter;
import dev.fleetform.compiler.emit.Serializers;
import dev.fleetform.compiler.index.FleetIndex;
import dev.fleetform.compiler.index.NodePools;
import dev.fleetform.compiler.model.Bastion;
import dev.fleetform.compiler.model.Fleet;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code ansible/inventory.yml} (hosts, VMs, groups, vars), {@code ansible/host-baseline.yml}
 * and the Jinja templates that playbook renders ({@code ansible/templates/*.j2}).
 */
public final class AnsibleEmitter implements Emitter {

    /** Static Jinja templates shipped with the playbook; they read only {@code fleetform_*} vars. */
    static final List<String> TEMPLATES = List.of(
            "sysctl.conf.j2", "limits.conf.j2", "systemd-limits.conf.j2", "resolv.conf.j2");

    /** The inventory's mappings with an entry per host: serialised in parallel. */
    private static final Set<List<String>> LARGE = Set.of(List.of("all", "hosts"), List.of("all", "children"));

    @Override
    public String area() {
        return "ansible";
    }

    @Override
    public List<Artefact> emit(Fleet fleet, FleetIndex index, EmitContext ctx) {
        Map<String, Bastion> bastions = new HashMap<>();
        for (Bastion b : fleet.access().bastions()) bastions.putIfAbsent(b.name(), b);
        HostVars hostVars = new HostVars(bastions, fleet.defaults());
        List<Artefact> out = new ArrayList<>();
        out.add(new Artefact("ansible/inventory.yml",
                Serializers.yamlBytes(Inventory.build(index, NodePools.of(fleet, index), hostVars), LARGE, ctx.workers())));
        out.add(new Artefact("ansible/host-baseline.yml", Serializers.yamlBytes(BaselinePlaybook.build())));
        for (String t : TEMPLATES) out.add(new Artefact("ansible/templates/" + t, resource(t)));
        return out;
    }

    private static byte[] resource(String name) {
        try (InputStream in = AnsibleEmitter.class.getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException("missing resource " + name);
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
