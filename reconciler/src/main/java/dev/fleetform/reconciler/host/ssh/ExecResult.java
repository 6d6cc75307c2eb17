package dev.fleetform.reconciler.host.ssh;

import java.nio.charset.StandardCharsets;

/** What a remote command returned. */
public record ExecResult(int exit, byte[] stdout, String stderr) {
    public String out() {
        return new String(stdout, StandardCharsets.UTF_8);
    }

    public boolean ok() {
        return exit == 0;
    }

    /** The first line of stderr (else of stdout), for a one-line reason. */
    public String firstLine() {
        String s = stderr.isBlank() ? out() : stderr;
        s = s.strip();
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
