package dev.fleetform.compiler.model;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code monitoring.servers}: where {@code fleetform apply} puts the compiled monitoring config.
 * Each part is null when the fleet does not say (apply then leaves that config alone).
 */
public record MonitoringServers(MonitoringServer prometheus, MonitoringServer alertmanager, MonitoringServer dingtalkBridge) {
    public static final MonitoringServers NONE = new MonitoringServers(null, null, null);

    /** The servers the fleet declares, in a fixed order. */
    public List<MonitoringServer> all() {
        List<MonitoringServer> out = new ArrayList<>(3);
        if (prometheus != null) out.add(prometheus);
        if (alertmanager != null) out.add(alertmanager);
        if (dingtalkBridge != null) out.add(dingtalkBridge);
        return out;
    }

    /** The servers {@code host} runs. */
    public List<MonitoringServer> on(String host) {
        return all().stream().filter(s -> s.hosts().contains(host)).toList();
    }
}
