package dev.fleetform.compiler.check.storage;

import dev.fleetform.compiler.check.CheckContext;
import dev.fleetform.compiler.check.InheritedFindings;
import dev.fleetform.compiler.check.Reporter;
import dev.fleetform.compiler.check.Rule;
import dev.fleetform.compiler.model.Host;
import dev.fleetform.compiler.model.RaidArray;
import dev.fleetform.compiler.model.RaidLevel;

import java.util.List;

/**
 * {@code RAID-MEMBERS}: an array has the members its level needs (0→2, 1→2, 5→3, 6→4, 10→4 and
 * an even number). Spares are not members.
 */
public final class RaidMembersRule implements Rule {

    /** Levels to suggest instead, most redundant first, when an array has too few members. */
    private static final List<RaidLevel> FALLBACKS = List.of(RaidLevel.RAID6, RaidLevel.RAID5, RaidLevel.RAID1);

    @Override
    public String id() {
        return "RAID-MEMBERS";
    }

    static boolean hasEnoughMembers(RaidArray array) {
        return accepts(array.level(), array.devices().size());
    }

    private static boolean accepts(RaidLevel level, int members) {
        return members >= level.minMembers() && (!level.evenMembers() || members % 2 == 0);
    }

    @Override
    public void check(CheckContext ctx, Reporter out) {
        InheritedFindings findings = new InheritedFindings();
        for (Host host : ctx.fleet().hosts()) {
            for (RaidArray array : host.storage().raid()) {
                if (hasEnoughMembers(array)) continue;
                RaidLevel level = array.level();
                int n = array.devices().size();
                String what = "RAID" + level.number() + " array " + array.name() + " has " + n
                        + (n == 1 ? " member" : " members") + "; RAID" + level.number();
                String message = n < level.minMembers()
                        ? what + " needs at least " + level.minMembers()
                        : what + " needs an even number";
                findings.error(host, array.origin().child("devices"), message, hint(level, n));
            }
        }
        findings.reportTo(out);
    }

    private static String hint(RaidLevel level, int members) {
        String change = level.evenMembers() && members >= level.minMembers()
                ? "add or remove a disk in devices" : "add a disk to devices";
        for (RaidLevel other : FALLBACKS) {
            if (other.ordinal() < level.ordinal() && accepts(other, members)) {
                return change + ", or use level " + other.number();
            }
        }
        return change;
    }
}
