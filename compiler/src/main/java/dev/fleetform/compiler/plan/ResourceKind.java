package dev.fleetform.compiler.plan;

import java.util.Locale;

/** The kinds of resources a plan talks about; the name is used in addresses and plan JSON. */
public enum ResourceKind {
    HOST, SYSCTL, LIMIT, DNS, PACKAGE, TIMEZONE, RAID, FILESYSTEM, MOUNT, VM, VM_DISK, VGPU,
    K8S, PROMETHEUS_RULE, SCRAPE_JOB, PROMETHEUS_CONFIG, ALERTMANAGER, JUMPSERVER_ASSET, JUMPSERVER_PERMISSION;

    public String jsonName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
