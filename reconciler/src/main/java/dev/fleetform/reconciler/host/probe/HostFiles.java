package dev.fleetform.reconciler.host.probe;

import dev.fleetform.compiler.plan.HostPaths;

/** The files Fleetform writes on a host for its baseline: those of {@link HostPaths}, which the compiled playbook writes too, and the system's own. */
public final class HostFiles {
    private HostFiles() {
    }

    /** Applied with {@code sysctl -p} of this file only: {@code sysctl --system} would also apply what others left in /usr/lib/sysctl.d. */
    public static final String SYSCTL = HostPaths.SYSCTL;
    /**
     * Where Fleetform's host provider wrote the sysctls before they moved to the playbook's file
     * (2026-12-02). Sorting after {@link #SYSCTL}, its old values would win at the next boot, so
     * drift reports it and apply removes it (only when it starts with Fleetform's header).
     */
    public static final String SYSCTL_BEFORE = "/etc/sysctl.d/90-fleetform.conf";
    public static final String LIMITS = HostPaths.LIMITS;
    /** DefaultLimitNOFILE for systemd's services, which pam_limits does not reach. */
    public static final String SYSTEMD_LIMITS = HostPaths.SYSTEMD_LIMITS;
    public static final String RESOLV = "/etc/resolv.conf";
    public static final String TIMEZONE = "/etc/timezone";
    public static final String LOCALTIME = "/etc/localtime";
    public static final String ZONEINFO = "/usr/share/zoneinfo/";
    /**
     * The mounts Fleetform made ({@code <filesystem>\t<mountpoint>} a line): fstab lines carry no
     * owner, so this says which of them a filesystem removed from git leaves behind.
     */
    public static final String MOUNTS = "/etc/fleetform/mounts";

    /** mdadm.conf, Debian's and the others' (RHEL, SUSE): read where the host declares arrays. */
    public static final String MDADM_CONF_DEBIAN = "/etc/mdadm/mdadm.conf";
    public static final String MDADM_CONF_OTHER = "/etc/mdadm.conf";

    /** The files whose bytes, owner and mode the probe reads, so that apply writes only what differs. */
    public static final java.util.List<String> MANAGED = java.util.List.of(SYSCTL, LIMITS, SYSTEMD_LIMITS, RESOLV, TIMEZONE, MOUNTS);
}
