package dev.fleetform.compiler.model;

import dev.fleetform.compiler.diag.Origin;

import java.util.List;

/**
 * One kind of monitoring server of {@code monitoring.servers} (Prometheus, Alertmanager, the DingTalk
 * bridge): the hosts that run it, the directory its config is written to, and how it reloads.
 *
 * @param ruleDir   Prometheus only: the rule files' directory, or null for {@code <configDir>/rules}
 * @param fileSdDir Prometheus only: the file_sd directory, or null for {@code <configDir>/file_sd}
 */
public record MonitoringServer(Kind kind, List<String> hosts, String configDir, String ruleDir, String fileSdDir,
                               Reload reload, Origin origin) {

    /** The three servers, with Debian's defaults (packages prometheus, prometheus-alertmanager). */
    public enum Kind {
        PROMETHEUS("prometheus", "prometheus.yml", "/etc/prometheus", "prometheus"),
        ALERTMANAGER("alertmanager", "alertmanager.yml", "/etc/prometheus", "prometheus-alertmanager"),
        DINGTALK_BRIDGE("dingtalkBridge", "config.yml", "/etc/prometheus-webhook-dingtalk", "prometheus-webhook-dingtalk");

        private final String key;
        private final String configFile;
        private final String defaultDir;
        private final String defaultUnit;

        Kind(String key, String configFile, String defaultDir, String defaultUnit) {
            this.key = key;
            this.configFile = configFile;
            this.defaultDir = defaultDir;
            this.defaultUnit = defaultUnit;
        }

        /** The key under {@code monitoring.servers}. */
        public String key() {
            return key;
        }

        /** The name of its config file in {@code configDir}. */
        public String configFile() {
            return configFile;
        }

        public String defaultDir() {
            return defaultDir;
        }

        public String defaultUnit() {
            return defaultUnit;
        }
    }

    /** How a server reads its config again. */
    public sealed interface Reload {
        /** {@code POST http://<address>/-/reload}, sent on the host itself. */
        record Http(String address) implements Reload {
        }

        /** {@code systemctl reload <unit>}. */
        record Systemd(String unit) implements Reload {
        }
    }

    /** The config file's path on the host. */
    public String configPath() {
        return configDir + "/" + kind.configFile();
    }

    /** Where the rule files go. */
    public String rulePath() {
        return ruleDir != null ? ruleDir : configDir + "/rules";
    }

    /** Where the file_sd files go. */
    public String fileSdPath() {
        return fileSdDir != null ? fileSdDir : configDir + "/file_sd";
    }
}
