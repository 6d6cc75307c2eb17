package dev.fleetform.reconciler.host.ssh;

/**
 * Why a host could not be reached or a command on it did not finish: one {@link Kind} per cause
 * a user fixes differently, with the fix in {@link #hint()}. Only {@link Kind#UNREACHABLE} is
 * worth a retry.
 */
public final class SshFailure extends Exception {
    public enum Kind {
        /** No TCP connection (refused, no route, connect timeout) or it dropped during the handshake. */
        UNREACHABLE,
        /** The host's key is in neither its {@code hostKey} pin nor {@code knownHosts}. */
        HOST_KEY_UNKNOWN,
        /** The host presents another key than the pinned or known one. */
        HOST_KEY_CHANGED,
        /** The key from {@code identityFile} was not accepted, or cannot be read. */
        AUTH_FAILED,
        /** A command did not finish within its deadline; the connection was closed. */
        TIMEOUT,
        /** {@code sudo -n} wants a password. */
        SUDO_PASSWORD,
        /** Anything else the SSH layer reports (algorithm negotiation, a closed channel). */
        PROTOCOL
    }

    private final Kind kind;
    private final String hint;

    public SshFailure(Kind kind, String message, String hint, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.hint = hint;
    }

    public Kind kind() {
        return kind;
    }

    public String hint() {
        return hint;
    }
}
