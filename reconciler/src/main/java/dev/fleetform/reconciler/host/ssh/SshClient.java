package dev.fleetform.reconciler.host.ssh;

import com.jcraft.jsch.HostKey;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchChangedHostKeyException;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.JSchUnknownHostKeyException;
import com.jcraft.jsch.Session;
import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * Opens SSH sessions to hosts with JSch: the key from {@code identityFile}, strict host-key
 * checking against the endpoint's known_hosts text, the openssh bastion by a local port forward
 * (JSch has no ProxyJump), curve25519 key exchange first (the cheap handshake). Connection errors
 * (only those) are retried with backoff; at most {@code parallel} sessions are open at once,
 * whatever threads ask for them. Thread-safe.
 */
public final class SshClient {
    /** OpenSSH's key exchange without the post-quantum key generation that costs ~0.13 s of CPU per connection. */
    private static final List<String> KEX_FIRST = List.of("curve25519-sha256", "curve25519-sha256@libssh.org");

    private final SshOptions options;
    private final Semaphore permits;
    private final RetryPolicy<Object> retry;
    /** One JSch per identity file and known-hosts text: the key is read and the known hosts parsed once, not once per host. */
    private final Map<List<Object>, JSch> jschs = new ConcurrentHashMap<>();

    public SshClient(SshOptions options) {
        this.options = options;
        this.permits = new Semaphore(options.parallel(), true);
        this.retry = RetryPolicy.builder()
                .handleIf(e -> e instanceof SshFailure f && f.kind() == SshFailure.Kind.UNREACHABLE)
                .withMaxRetries(options.retries())
                .withBackoff(options.backoff(), options.backoff().multipliedBy(8))
                .build();
    }

    public SshOptions options() {
        return options;
    }

    /** A session to {@code e}, through its bastion when it has one. Close it to free its permit. */
    public SshSession open(SshEndpoint e) throws SshFailure {
        try {
            permits.acquire();
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            throw new SshFailure(SshFailure.Kind.PROTOCOL, "interrupted before connecting to " + e.name(), null, ie);
        }
        try {
            SshSession s = Failsafe.with(retry).get(() -> connect(e));
            return s.onClose(permits::release);
        } catch (FailsafeException fe) {
            permits.release();
            if (fe.getCause() instanceof SshFailure f) throw f;
            throw new SshFailure(SshFailure.Kind.PROTOCOL, "cannot connect to " + e.name() + ": " + fe.getMessage(), null, fe);
        } catch (RuntimeException re) {
            permits.release();
            throw re;
        }
    }

    private SshSession connect(SshEndpoint e) throws SshFailure {
        JSch jsch = jsch(e);
        Session jump = null;
        try {
            String host = e.address();
            int port = e.port();
            if (e.jump() != null) {
                SshEndpoint bastion = jumpView(e);
                jump = session(jsch(bastion), bastion.user(), bastion.address(), bastion.port(), null, bastion);
                // the host's own key is checked on the forwarded connection, under the host's name
                port = jump.setPortForwardingL(0, e.address(), e.port());
                host = "127.0.0.1";
            }
            Session s = session(jsch, e.user(), host, port, e.jump() == null ? null : e.knownHostsName(), e);
            return new SshSession(e, s, jump, options);
        } catch (SshFailure f) {
            if (jump != null) jump.disconnect();
            throw f;
        } catch (JSchException x) {
            if (jump != null) jump.disconnect();
            throw failure(e, x);
        }
    }

    /** The bastion as an endpoint, for messages about it. */
    private static SshEndpoint jumpView(SshEndpoint e) {
        SshEndpoint.Jump j = e.jump();
        return new SshEndpoint(j.name() + " (the bastion of " + e.name() + ")", j.address(), j.port(), j.user(), e.identityFile(), j.knownHosts(), null);
    }

    private JSch jsch(SshEndpoint e) throws SshFailure {
        List<Object> key = Arrays.asList(e.identityFile(), e.knownHosts());
        JSch known = jschs.get(key);
        if (known != null) return known;
        JSch made = newJsch(e);
        JSch raced = jschs.putIfAbsent(key, made);
        return raced != null ? raced : made;
    }

    private static JSch newJsch(SshEndpoint e) throws SshFailure {
        JSch jsch = new JSch();
        if (e.identityFile() == null) {
            throw new SshFailure(SshFailure.Kind.AUTH_FAILED, "no identityFile for " + e.name(),
                    "set defaults.ssh.identityFile to the private key fleetform logs in with", null);
        }
        try {
            if (!Files.isReadable(e.identityFile())) {
                throw new SshFailure(SshFailure.Kind.AUTH_FAILED, "cannot read the identityFile " + e.identityFile() + " for " + e.name(),
                        "check defaults.ssh.identityFile: it is a path on the machine that runs fleetform", null);
            }
            jsch.addIdentity(e.identityFile().toString());
        } catch (JSchException x) {
            throw new SshFailure(SshFailure.Kind.AUTH_FAILED, "the identityFile " + e.identityFile() + " is not a usable private key: " + x.getMessage(),
                    "use an unencrypted OpenSSH or PEM private key (ed25519, ecdsa or rsa)", x);
        }
        try {
            jsch.setKnownHosts(new ByteArrayInputStream((e.knownHosts() == null ? "" : e.knownHosts()).getBytes(StandardCharsets.UTF_8)));
        } catch (JSchException x) {
            throw new SshFailure(SshFailure.Kind.PROTOCOL, "cannot read the known hosts for " + e.name() + ": " + x.getMessage(), null, x);
        }
        return jsch;
    }

    private Session session(JSch jsch, String user, String host, int port, String alias, SshEndpoint e)
            throws SshFailure, JSchException {
        Session s = jsch.getSession(user, host, port);
        s.setConfig("StrictHostKeyChecking", "yes");
        s.setConfig("HashKnownHosts", "no");
        s.setConfig("PreferredAuthentications", "publickey");
        s.setConfig("kex", first(KEX_FIRST, JSch.getConfig("kex")));
        // JSch tests each CheckKexes algorithm on every connect by running it (a key pair made and
        // thrown away: sntrup761's cost ~0.1 s of CPU per host, each curve25519 one a sixth of the
        // handshake's CPU), and instantiates and keys every default cipher, MAC and ECDSA signature,
        // to drop the ones the JVM lacks: a JDK >= 21 with the bundled Bouncy Castle has them all,
        // so these checks only cost CPU per host
        s.setConfig("CheckKexes", "");
        s.setConfig("CheckCiphers", "");
        s.setConfig("CheckMacs", "");
        s.setConfig("CheckSignatures", "");
        // offer first the key types known_hosts has for the host, as OpenSSH does: a host with an
        // ed25519 entry is not asked for its ecdsa key (which would read as unknown)
        String keyName = alias != null ? alias : e.knownHostsName();
        if (alias != null) s.setHostKeyAlias(alias);
        HostKey[] known = jsch.getHostKeyRepository().getHostKey(keyName, null);
        if (known != null && known.length > 0) {
            List<String> types = new ArrayList<>();
            for (HostKey k : known) types.add(k.getType());
            s.setConfig("server_host_key", first(types, JSch.getConfig("server_host_key")));
        }
        try {
            s.connect(Math.toIntExact(options.connectTimeout().toMillis()));
        } catch (JSchException x) {
            s.disconnect();
            throw failure(e, x);
        }
        return s;
    }

    private static String first(List<String> preferred, String defaults) {
        Set<String> order = new LinkedHashSet<>(preferred);
        for (String a : defaults.split(",")) if (!a.isBlank()) order.add(a.strip());
        return String.join(",", order);
    }

    /** One cause per fix: the message names the host, the hint what to do. */
    static SshFailure failure(SshEndpoint e, JSchException x) {
        String where = e.name() + " (" + e.user() + "@" + e.address() + ":" + e.port() + ")";
        String m = String.valueOf(x.getMessage());
        // JSch 0.2 throws the typed exceptions on some paths and a plain one with these words on others
        if (x instanceof JSchChangedHostKeyException || m.startsWith("HostKey has been changed")) {
            return new SshFailure(SshFailure.Kind.HOST_KEY_CHANGED,
                    "the host key of " + where + " is not the one pinned or in knownHosts: it changed, or someone is in between",
                    "if the host was reinstalled, check its new key out of band and update its hostKey or the knownHosts file; else investigate", x);
        }
        if (x instanceof JSchUnknownHostKeyException || m.startsWith("reject HostKey") || m.startsWith("UnknownHostKey")) {
            return new SshFailure(SshFailure.Kind.HOST_KEY_UNKNOWN,
                    "the host key of " + where + " is unknown: it has no hostKey pin and no line in knownHosts",
                    "add its key (ssh-keyscan " + e.address() + ", checked out of band) to the knownHosts file, or pin it as the host's hostKey", x);
        }
        String lower = m.toLowerCase(Locale.ROOT);
        if (lower.startsWith("auth fail") || lower.startsWith("auth cancel")) {
            return new SshFailure(SshFailure.Kind.AUTH_FAILED,
                    "authentication failed on " + where + ": the key " + e.identityFile() + " was not accepted",
                    "authorise the public key of identityFile for " + e.user() + " on the host (~/.ssh/authorized_keys)", x);
        }
        Throwable c = x.getCause();
        if (c instanceof ConnectException || c instanceof NoRouteToHostException || c instanceof UnknownHostException
                || c instanceof SocketTimeoutException || c instanceof SocketException
                || lower.contains("timeout: socket is not established") || lower.contains("connection is closed by foreign host")
                || lower.contains("session.connect: java.net") || lower.contains("timeout in waiting")) {
            String why = c != null && c.getMessage() != null ? c.getMessage() : m;
            return new SshFailure(SshFailure.Kind.UNREACHABLE, "cannot reach " + where + ": " + why,
                    "check that the host is up, its address and port, and that sshd listens there", x);
        }
        if (c instanceof IOException io) {
            return new SshFailure(SshFailure.Kind.UNREACHABLE, "cannot reach " + where + ": " + io.getMessage(),
                    "check that the host is up and sshd answers", x);
        }
        return new SshFailure(SshFailure.Kind.PROTOCOL, "SSH to " + where + " failed: " + m, null, x);
    }
}
