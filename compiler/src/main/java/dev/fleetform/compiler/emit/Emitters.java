package dev.fleetform.compiler.emit;

import dev.fleetform.compiler.emit.alertmanager.AlertmanagerEmitter;
import dev.fleetform.compiler.emit.ansible.AnsibleEmitter;
import dev.fleetform.compiler.emit.consul.ConsulEmitter;
import dev.fleetform.compiler.emit.jumpserver.JumpServerEmitter;
import dev.fleetform.compiler.emit.kubernetes.KubernetesEmitter;
import dev.fleetform.compiler.emit.libvirt.LibvirtEmitter;
import dev.fleetform.compiler.emit.prometheus.PrometheusEmitter;
import dev.fleetform.compiler.emit.storage.StoragePlanEmitter;

import java.util.List;

/** Every emitter the compile command runs, one entry per line. */
public final class Emitters {
    private Emitters() {
    }

    public static List<Emitter> all() {
        return List.of(
                new AnsibleEmitter(),
                new PrometheusEmitter(),
                new ConsulEmitter(),
                new AlertmanagerEmitter(),
                new KubernetesEmitter(),
                new LibvirtEmitter(),
                new StoragePlanEmitter(),
                new JumpServerEmitter()
        );
    }
}
