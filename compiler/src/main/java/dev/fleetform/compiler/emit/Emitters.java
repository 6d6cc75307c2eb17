package dev.fleetform.compiler.emit;

import dev.fleetform.compiler.emit.alertmanager.AlertmanagerEmitter;
import dev.fleetform.compiler.emit.ansible.AnsibleEmitter;
import dev.fleetform.compiler.emit.prometheus.PrometheusEmitter;

import java.util.List;

/** Every emitter the compile command runs, one entry per line. */
public final class Emitters {
    private Emitters() {
    }

    public static List<Emitter> all() {
        return List.of(
                new AnsibleEmitter(),
                new PrometheusEmitter(),
                new AlertmanagerEmitter()
        );
    }
}
