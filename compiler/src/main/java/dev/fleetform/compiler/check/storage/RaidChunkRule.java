package dev.fleetform.compiler.check.storage;

import dev.fleetform.compiler.check.CheckContext;
import dev.fleetform.compiler.check.InheritedFindings;
import dev.fleetform.compiler.check.Reporter;
import dev.fleetform.compiler.check.Rule;
import dev.fleetform.compiler.model.Host;
import dev.fleetform.compiler.model.RaidArray;

/** {@code RAID-CHUNK}: {@code chunkKiB} is a power of two of at least 4 (what mdadm accepts). */
public final class RaidChunkRule implements Rule {

    static final int MIN_CHUNK_KIB = 4;

    @Override
    public String id() {
        return "RAID-CHUNK";
    }

    @Override
    public void check(CheckContext ctx, Reporter out) {
        InheritedFindings findings = new InheritedFindings();
        for (Host host : ctx.fleet().hosts()) {
            for (RaidArray array : host.storage().raid()) {
                int chunk = array.chunkKiB();
                if (chunk >= MIN_CHUNK_KIB && Integer.bitCount(chunk) == 1) continue;
                findings.error(host, array.origin().child("chunkKiB"),
                        "array " + array.name() + " has chunkKiB " + chunk + "; it must be a power of two, at least "
                                + MIN_CHUNK_KIB,
                        hint(chunk));
            }
        }
        findings.reportTo(out);
    }

    private static String hint(int chunk) {
        if (chunk < MIN_CHUNK_KIB) return "use at least " + MIN_CHUNK_KIB + " (the default is "
                + RaidArray.DEFAULT_CHUNK_KIB + ")";
        int below = Integer.highestOneBit(chunk);
        long above = (long) below << 1;
        return "use " + below + " or " + above + " (the default is " + RaidArray.DEFAULT_CHUNK_KIB + ")";
    }
}
