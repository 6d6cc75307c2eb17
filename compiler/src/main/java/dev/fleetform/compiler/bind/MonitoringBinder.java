package dev.fleetform.compiler.bind;

import dev.fleetform.compiler.model.AlertRule;
import dev.fleetform.compiler.model.AlertSeverity;
import dev.fleetform.compiler.model.Consul;
import dev.fleetform.compiler.model.Monitoring;
import dev.fleetform.compiler.model.MonitoringServer;
import dev.fleetform.compiler.model.MonitoringServers;
import dev.fleetform.compiler.model.Receiver;
import dev.fleetform.compiler.model.Route;
import dev.fleetform.compiler.model.SecretRef;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Binds {@code monitoring:}: scrape ports, alert rules, receivers, routes, where alerts go, and Consul. */
final class MonitoringBinder {
    static final boolean DEFAULT_BASELINE_RULES = true;
    static final AlertSeverity DEFAULT_SEVERITY = AlertSeverity.WARNING;

    private MonitoringBinder() {
    }

    static Monitoring monitoring(Layered m) {
        Layered scrape = m.get("scrape");
        Map<String, Integer> services = new LinkedHashMap<>();
        scrape.get("services").entries().forEach((name, s) -> {
            Integer port = s.optionalInteger("port");
            if (port != null) services.put(name, port);
        });
        List<AlertRule> alerts = new ArrayList<>();
        for (Layered a : m.items("alerts")) {
            String severity = a.text("severity");
            alerts.add(new AlertRule(a.text("name"), a.text("expr"), a.text("for"),
                    severity == null ? DEFAULT_SEVERITY : HostBinder.enumOf(AlertSeverity.class, severity),
                    a.text("summary"), a.text("runbook"), a.stringMap("labels"), a.origin()));
        }
        List<Receiver> receivers = new ArrayList<>();
        for (Layered r : m.items("receivers")) receivers.add(receiver(r));
        List<Route> routes = new ArrayList<>();
        for (Layered r : m.items("routes")) routes.add(new Route(r.stringMap("match"), r.text("receiver"), r.origin()));
        List<String> alertmanagers = m.strings("alertmanagers");
        Layered consul = m.get("consul");
        return new Monitoring(
                scrape.get("node").optionalInteger("port"),
                scrape.get("gpu").optionalInteger("port"),
                services.isEmpty() ? Map.of() : Collections.unmodifiableMap(services),
                m.bool("baselineRules", DEFAULT_BASELINE_RULES),
                HostBinder.immutable(alerts),
                HostBinder.immutable(receivers),
                HostBinder.immutable(routes),
                alertmanagers.isEmpty() ? Monitoring.DEFAULT_ALERTMANAGERS : alertmanagers,
                m.text("dingtalkBridge", Monitoring.DEFAULT_DINGTALK_BRIDGE),
                consul.isAbsent() ? null : new Consul(consul.text("server"), consul.text("datacenter"), trim(consul.text("configDir", Consul.DEFAULT_DIR)), consul.origin()),
                servers(m.get("servers")));
    }

    private static MonitoringServers servers(Layered s) {
        if (s.isAbsent()) return MonitoringServers.NONE;
        return new MonitoringServers(server(s, MonitoringServer.Kind.PROMETHEUS), server(s, MonitoringServer.Kind.ALERTMANAGER),
                server(s, MonitoringServer.Kind.DINGTALK_BRIDGE));
    }

    private static MonitoringServer server(Layered servers, MonitoringServer.Kind kind) {
        Layered s = servers.get(kind.key());
        if (s.isAbsent()) return null;
        Layered reload = s.get("reload");
        MonitoringServer.Reload r = reload.isAbsent() || reload.text("systemd") != null
                ? new MonitoringServer.Reload.Systemd(reload.text("systemd", kind.defaultUnit()))
                : new MonitoringServer.Reload.Http(reload.text("http"));
        return new MonitoringServer(kind, List.copyOf(s.strings("hosts")), trim(s.text("configDir", kind.defaultDir())),
                trim(s.text("ruleDir")), trim(s.text("fileSdDir")), r, s.origin());
    }

    /** {@code /etc/prometheus/} as {@code /etc/prometheus}: paths are joined with '/'. */
    private static String trim(String dir) {
        return dir != null && dir.length() > 1 && dir.endsWith("/") ? dir.substring(0, dir.length() - 1) : dir;
    }

    /** The schema allows exactly one of {@code dingtalk} and {@code webhook}. */
    private static Receiver receiver(Layered r) {
        Layered dingtalk = r.get("dingtalk");
        if (!dingtalk.isAbsent()) {
            String sign = dingtalk.text("signSecretRef");
            return new Receiver.DingTalk(r.text("name"), SecretRef.parse(dingtalk.text("urlSecretRef", "")),
                    sign == null ? null : SecretRef.parse(sign), r.origin());
        }
        return new Receiver.Webhook(r.text("name"), r.get("webhook").text("url"), r.origin());
    }
}
