package dev.fleetform.compiler.bind;

import dev.fleetform.compiler.model.Autoscale;
import dev.fleetform.compiler.model.Miner;
import dev.fleetform.compiler.model.MinerSecret;
import dev.fleetform.compiler.model.SecretRef;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Binds {@code workloads.miners}. */
final class MinerBinder {
    static final int DEFAULT_MAX_UNAVAILABLE = 1;
    static final int DEFAULT_GPU = 0;
    static final int DEFAULT_TARGET_CPU_PERCENT = 80;

    private MinerBinder() {
    }

    static List<Miner> miners(Layered workloads) {
        List<Miner> out = new ArrayList<>();
        for (Layered m : workloads.items("miners")) out.add(miner(m));
        return HostBinder.immutable(out);
    }

    private static Miner miner(Layered m) {
        Layered a = m.get("autoscale");
        Autoscale autoscale = a.isAbsent() ? null : new Autoscale(a.integer("min", 0), a.integer("max", 0),
                a.integer("targetCpuPercent", DEFAULT_TARGET_CPU_PERCENT));
        Map<String, MinerSecret> secrets = new LinkedHashMap<>();
        m.get("secrets").entries().forEach((name, s) -> secrets.put(name, new MinerSecret(name,
                SecretRef.parse(s.text("secretRef", "")), s.text("mountPath"), s.text("env"), s.origin())));
        Layered resources = m.get("resources");
        return new Miner(
                m.text("name"),
                m.text("cluster"),
                m.text("pool"),
                m.text("namespace"),
                m.text("image"),
                // Without replicas the HPA's minimum is what the Deployment starts with.
                m.integer("replicas", autoscale == null ? 0 : autoscale.min()),
                m.integer("cores", 0),
                resources.text("memory"),
                resources.integer("gpu", DEFAULT_GPU),
                m.stringMap("env"),
                secrets.isEmpty() ? Map.of() : Collections.unmodifiableMap(secrets),
                m.integer("maxUnavailable", DEFAULT_MAX_UNAVAILABLE),
                autoscale,
                m.origin());
    }
}
