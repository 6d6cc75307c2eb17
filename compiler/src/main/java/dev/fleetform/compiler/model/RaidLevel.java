package dev.fleetform.compiler.model;

/** mdadm levels Fleetform manages, with the facts the checks and the storage plan need. */
public enum RaidLevel {
    RAID0(0, 2, false), RAID1(1, 2, false), RAID5(5, 3, false), RAID6(6, 4, false), RAID10(10, 4, true);

    private final int number;
    private final int minMembers;
    private final boolean evenMembers;

    RaidLevel(int number, int minMembers, boolean evenMembers) {
        this.number = number;
        this.minMembers = minMembers;
        this.evenMembers = evenMembers;
    }

    /** The level as written in fleet.yaml ({@code 0, 1, 5, 6, 10}). */
    public int number() {
        return number;
    }

    public int minMembers() {
        return minMembers;
    }

    public boolean evenMembers() {
        return evenMembers;
    }

    /** Usable capacity of {@code members} equal disks of {@code sizeGiB} (the smallest member counts). */
    public long usableGiB(int members, long sizeGiB) {
        return switch (this) {
            case RAID0 -> Saturating.multiply(members, sizeGiB);
            case RAID1 -> sizeGiB;
            case RAID5 -> Saturating.multiply(members - 1L, sizeGiB);
            case RAID6 -> Saturating.multiply(members - 2L, sizeGiB);
            case RAID10 -> Saturating.multiply(members, sizeGiB) / 2;
        };
    }

    /** Disks that carry data in one stripe: the {@code sw} of XFS stripe alignment. */
    public int dataDisks(int members) {
        return switch (this) {
            case RAID0 -> members;
            case RAID1 -> 1;
            case RAID5 -> members - 1;
            case RAID6 -> members - 2;
            case RAID10 -> members / 2;
        };
    }

    public static RaidLevel of(int number) {
        for (RaidLevel l : values()) if (l.number == number) return l;
        throw new IllegalArgumentException("RAID level " + number);
    }
}
