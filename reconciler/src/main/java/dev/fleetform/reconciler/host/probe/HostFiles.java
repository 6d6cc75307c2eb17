package dev.fleetform.reconciler.host.probe;

/** The files Fleetform writes on a host for its baseline. */
public final class HostFiles {
    private HostFiles() {
    }

    /** Applied with {@code sysctl -p} of this file only: {@code sysctl --system} would also apply what others left in /usr/lib/sysctl.d. */
    public static final String SYSCTL = "/etc/sysctl.d/90-fleetform.conf";
    /** The file the compiled host-baseline playbook writes too. */
    public static final String LIMITS = "/etc/security/limits.d/60-fleetform.conf";
    public static final String RESOLV = "/etc/resolv.conf";
    public static final String TIMEZONE = "/etc/timezone";
    public static final String LOCALTIME = "/etc/localtime";
    public static final String ZONEINFO = "/usr/share/zoneinfo/";

    /** mdadm.conf, Debian's and the others' (RHEL, SUSE): read where the host declares arrays. */
    public static final String MDADM_CONF_DEBIAN = "/etc/mdadm/mdadm.conf";
    public static final String MDADM_CONF_OTHER = "/etc/mdadm.conf";

    /** The files whose bytes, owner and mode the probe reads, so that apply writes only what differs. */
    public static final java.util.List<String> MANAGED = java.util.List.of(SYSCTL, LIMITS, RESOLV, TIMEZONE);
}
