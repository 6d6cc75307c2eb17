package dev.fleetform.compiler.check.monitoring;

import dev.fleetform.compiler.check.CheckContext;
import dev.fleetform.compiler.check.Reporter;
import dev.fleetform.compiler.check.Rule;
import dev.fleetform.compiler.model.MonitoringServer;

/**
 * MONITORING-DIRS: Prometheus's config, rule and file_sd directories are three different
 * directories. prometheus.yml loads every {@code *.yml} of the rule directory, so a rule directory
 * that is the config directory would load prometheus.yml as a rule file (and Alertmanager's
 * alertmanager.yml beside it in Debian's /etc/prometheus).
 */
public final class MonitoringDirsRule implements Rule {

    @Override
    public String id() {
        return "MONITORING-DIRS";
    }

    @Override
    public void check(CheckContext ctx, Reporter out) {
        MonitoringServer p = ctx.fleet().monitoring().servers().prometheus();
        if (p == null) return;
        if (p.rulePath().equals(p.configDir())) {
            out.error(p.origin().child("ruleDir"), "ruleDir is configDir (" + p.configDir() + "): Prometheus would read every *.yml there, "
                    + "prometheus.yml too, as a rule file", "leave ruleDir out (" + p.configDir() + "/rules) or give a directory of its own");
        }
        if (p.fileSdPath().equals(p.configDir()) || p.fileSdPath().equals(p.rulePath())) {
            out.error(p.origin().child("fileSdDir"), "fileSdDir is " + (p.fileSdPath().equals(p.configDir()) ? "configDir" : "ruleDir")
                    + " (" + p.fileSdPath() + "): the target files would mix with other config", "leave fileSdDir out ("
                    + p.configDir() + "/file_sd) or give a directory of its own");
        }
    }
}
