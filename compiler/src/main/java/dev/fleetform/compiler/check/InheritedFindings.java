package dev.fleetform.compiler.check;

import dev.fleetform.compiler.diag.Origin;
import dev.fleetform.compiler.model.Host;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Collects per-host findings about elements a host may inherit from a profile, and reports each
 * (place, complaint) once: a bad RAID array in a profile used by 5,000 hosts is one error at the
 * profile's line naming the first host and how many others share it, not 5,000 identical lines.
 * Findings at a host's own elements have distinct places, so they are reported one by one.
 */
public final class InheritedFindings {

    private static final class Finding {
        final Origin at;
        final String firstHost;
        final String profile;
        final String message;
        final String hint;
        int otherHosts;

        Finding(Origin at, String firstHost, String profile, String message, String hint) {
            this.at = at;
            this.firstHost = firstHost;
            this.profile = profile;
            this.message = message;
            this.hint = hint;
        }
    }

    private final Map<String, Finding> findings = new LinkedHashMap<>();

    /** {@code message} is written without the host: it is prefixed with {@code "<host>: "}. */
    public void error(Host host, Origin at, String message, String hint) {
        String key = at.pointer() + '\n' + message + '\n' + hint;
        Finding f = findings.get(key);
        if (f == null) {
            findings.put(key, new Finding(at, host.name(), host.profile(), message, hint));
        } else {
            f.otherHosts++;
        }
    }

    /** Reports every finding collected so far, in the order first seen. */
    public void reportTo(Reporter out) {
        for (Finding f : findings.values()) {
            StringBuilder m = new StringBuilder(f.firstHost).append(": ").append(f.message);
            if (f.otherHosts > 0) {
                m.append(" (and ").append(f.otherHosts).append(f.otherHosts == 1 ? " more host" : " more hosts");
                if (f.profile != null) m.append(" with profile ").append(f.profile);
                m.append(')');
            }
            out.error(f.at, m.toString(), f.hint);
        }
        findings.clear();
    }
}
