package dev.fleetform.compiler.plan;

/**
 * Where a host's baseline lives on the host, for both tools that write it: the compiled
 * host-baseline playbook and the host reconciler. One set of files, so a host managed by either
 * (or first by one, then the other) has one of each, with the same bytes.
 */
public final class HostPaths {
    private HostPaths() {
    }

    /** The first line of every baseline file (the playbook's Jinja templates start with it too). */
    public static final String HEADER = "# Managed by Fleetform: edit fleet.yaml, not this file.";
    public static final String SYSCTL = "/etc/sysctl.d/60-fleetform.conf";
    public static final String LIMITS = "/etc/security/limits.d/60-fleetform.conf";
    /** systemd's manager reads DefaultLimitNOFILE from here (services do not see pam_limits). */
    public static final String SYSTEMD_DIR = "/etc/systemd/system.conf.d";
    public static final String SYSTEMD_LIMITS = SYSTEMD_DIR + "/60-fleetform.conf";
}
