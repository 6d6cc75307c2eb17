package dev.fleetform.compiler.emit.kubernetes;

import dev.fleetform.compiler.emit.Serializers;
import dev.fleetform.compiler.model.Cluster;
import dev.fleetform.compiler.model.GpuModel;
import dev.fleetform.compiler.model.Pool;
import dev.fleetform.compiler.model.VgpuProfile;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The NVIDIA vGPU Device Manager's config: one named config per vGPU profile the pools use,
 * filling every GPU of a node with that profile (maxEqual of them, equal-size mode). A pool's
 * nodes select their config with the {@code nvidia.com/vgpu.config} label.
 */
final class VgpuDeviceConfig {
    static final String NAMESPACE = "gpu-operator";
    static final String NAME = "fleetform-vgpu-devices-config";

    private VgpuDeviceConfig() {
    }

    /** The config name a profile gets; the profile name itself, which is a valid label value. */
    static String configName(String profile) {
        return profile;
    }

    /** Null when no pool of the cluster uses vGPU. */
    static ConfigMap of(String fleet, Cluster cluster, Map<String, GpuModel> models) {
        Map<String, Object> configs = new TreeMap<>();
        for (Pool p : cluster.pools()) {
            if (p.vgpuConfig() == null) continue;
            VgpuProfile profile = find(p.vgpuConfig(), models);
            if (profile == null) continue; // POOL-VGPU-CONFIG reports it
            Map<String, Object> devices = new LinkedHashMap<>();
            devices.put("devices", "all");
            devices.put("vgpu-devices", Map.of(profile.name(), profile.maxEqual()));
            configs.put(configName(profile.name()), List.of(devices));
        }
        if (configs.isEmpty()) return null;
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("version", "v1");
        doc.put("vgpu-configs", configs);
        return new ConfigMapBuilder()
                .withNewMetadata().withName(NAME).withNamespace(NAMESPACE).withLabels(Ownership.labels(fleet)).endMetadata()
                .withData(Map.of("config.yaml", Serializers.yaml(doc)))
                .build();
    }

    private static VgpuProfile find(String name, Map<String, GpuModel> models) {
        for (GpuModel m : models.values()) {
            VgpuProfile p = m.profiles().get(name);
            if (p != null) return p;
        }
        return null;
    }
}
