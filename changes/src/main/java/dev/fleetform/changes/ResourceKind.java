package dev.fleetform.changes;

import java.util.Locale;

/** The kinds of resources a plan talks about; the JSON name is used in plan JSON. Each belongs to one area of a plan. */
public enum ResourceKind {
    HOST(Area.HOSTS), SYSCTL(Area.HOSTS), LIMIT(Area.HOSTS), DNS(Area.HOSTS), PACKAGE(Area.HOSTS), TIMEZONE(Area.HOSTS),
    RAID(Area.STORAGE), FILESYSTEM(Area.STORAGE), MOUNT(Area.STORAGE),
    VM(Area.VMS), VM_DISK(Area.VMS), VGPU(Area.VMS),
    K8S(Area.KUBERNETES),
    PROMETHEUS_RULE(Area.MONITORING), SCRAPE_JOB(Area.MONITORING), PROMETHEUS_CONFIG(Area.MONITORING), ALERTMANAGER(Area.MONITORING),
    CONSUL_SERVICE(Area.MONITORING),
    JUMPSERVER_ASSET(Area.ACCESS), JUMPSERVER_PERMISSION(Area.ACCESS);

    /** The sections of a plan, in the order a pull-request comment shows them. */
    public enum Area {
        STORAGE("Storage"), VMS("VMs"), HOSTS("Hosts"), KUBERNETES("Kubernetes"), MONITORING("Monitoring"), ACCESS("Access");

        private final String title;

        Area(String title) {
            this.title = title;
        }

        public String title() {
            return title;
        }
    }

    private final Area area;

    ResourceKind(Area area) {
        this.area = area;
    }

    public Area area() {
        return area;
    }

    public String jsonName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
