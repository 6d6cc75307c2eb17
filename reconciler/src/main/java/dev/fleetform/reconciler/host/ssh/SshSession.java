package dev.fleetform.reconciler.host.ssh;

import com.jcraft.jsch.ChannelExec;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An open SSH session to one host: runs commands, each within a deadline (JSch has none per
 * command: a command past it gets its connection closed, and the session is done). A non-root
 * user runs {@link #privileged} commands through {@code sudo -n}. Not for use by two threads at once.
 */
public final class SshSession implements AutoCloseable {
    /** What one command may print: a probe is ~10 KB (findmnt of a node with thousands of mounts ~1 MB); more is not read, so 50 hosts cannot exhaust the heap. */
    static final int MAX_OUTPUT = 8 << 20;

    private final SshEndpoint endpoint;
    private final Session session;
    private final Session jump;
    private final SshOptions options;
    private Runnable onClose = () -> {
    };
    private boolean closed;

    SshSession(SshEndpoint endpoint, Session session, Session jump, SshOptions options) {
        this.endpoint = endpoint;
        this.session = session;
        this.jump = jump;
        this.options = options;
    }

    SshSession onClose(Runnable r) {
        this.onClose = r;
        return this;
    }

    public SshEndpoint endpoint() {
        return endpoint;
    }

    /** {@code script} as the login user, in POSIX sh ({@link #commandLine}). */
    public ExecResult exec(String script, byte[] stdin) throws SshFailure {
        return run(script, commandLine(script), stdin, options.commandTimeout());
    }

    public ExecResult exec(String script, byte[] stdin, Duration timeout) throws SshFailure {
        return run(script, commandLine(script), stdin, timeout);
    }

    /** {@code script} as root, in POSIX sh: {@link #commandLine} for root, else through {@code sudo -n sh -c} (a sudo that wants a password is an error). */
    public ExecResult privileged(String script, byte[] stdin) throws SshFailure {
        return privileged(script, stdin, options.commandTimeout());
    }

    public ExecResult privileged(String script, byte[] stdin, Duration timeout) throws SshFailure {
        ExecResult r = run(script, asRoot(endpoint.user(), script), stdin, timeout);
        if (!endpoint.root() && r.exit() != 0 && sudoWantsPassword(r.stderr())) {
            throw new SshFailure(SshFailure.Kind.SUDO_PASSWORD,
                    "sudo on " + endpoint.name() + " wants a password for " + endpoint.user() + " (" + r.firstLine() + ")",
                    "give " + endpoint.user() + " passwordless sudo (NOPASSWD) on the host, or log in as root", null);
        }
        return r;
    }

    /**
     * The locale of every command: the tools' messages are parsed (sudo's "a password is
     * required", "No such file or directory"), and a host whose login sets LANG=zh_CN.UTF-8 (from
     * /etc/default/locale) would give them in Chinese. C.UTF-8 keeps UTF-8; where it does not
     * exist (glibc before 2.35 without it), programs fall back to C, also in English.
     */
    private static final String LOCALE = "LC_ALL=C.UTF-8";

    /**
     * The command line that runs {@code script} as the login user: {@code LC_ALL=C.UTF-8 sh -c
     * 'SCRIPT'}. sshd hands a command to the user's login shell, which may be bash (root on
     * Debian), dash (what useradd gives) or zsh; the scripts are written for POSIX sh and run in
     * it on every host. What {@code bench/hosts.sh} sends through OpenSSH beside Fleetform is this line.
     */
    public static String commandLine(String script) {
        return LOCALE + " sh -c " + ShellQuote.quote(script);
    }

    /** The command line that runs {@code script} as root for {@code user}, in POSIX sh (sudo keeps LC_ALL). */
    static String asRoot(String user, String script) {
        return user.equals("root") ? commandLine(script) : LOCALE + " sudo -n sh -c " + ShellQuote.quote(script);
    }

    /** sudo's own words when -n meets a password prompt (or a requiretty policy). */
    static boolean sudoWantsPassword(String stderr) {
        return stderr.contains("sudo: a password is required") || stderr.contains("sudo: a terminal is required")
                || stderr.contains("sudo: sorry, you must have a tty");
    }

    /** Runs {@code command}, which runs {@code script} (what a timeout names). */
    private ExecResult run(String script, String command, byte[] stdin, Duration timeout) throws SshFailure {
        if (closed) throw new SshFailure(SshFailure.Kind.PROTOCOL, "the session to " + endpoint.name() + " is closed", null, null);
        AtomicBoolean timedOut = new AtomicBoolean();
        AtomicBoolean done = new AtomicBoolean();
        // the deadline: past it the connection is closed, which ends the blocked reads below
        Thread watchdog = Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(timeout);
            } catch (InterruptedException e) {
                return;
            }
            if (!done.get()) {
                timedOut.set(true);
                session.disconnect();
            }
        });
        ChannelExec ch = null;
        try {
            ch = (ChannelExec) session.openChannel("exec");
            ch.setCommand(command.getBytes(StandardCharsets.UTF_8));
            Head err = new Head(64 << 10);
            ch.setErrStream(err, true);
            InputStream out = ch.getInputStream();
            OutputStream in = ch.getOutputStream();
            ch.connect(Math.toIntExact(Math.min(timeout.toMillis(), Integer.MAX_VALUE)));
            Thread writer = Thread.ofVirtual().start(() -> {
                try (in) {
                    if (stdin != null) in.write(stdin);
                } catch (IOException ignored) {
                    // the command ended without reading all of it: its exit status says what happened
                }
            });
            byte[] stdout = out.readNBytes(MAX_OUTPUT + 1);
            if (stdout.length > MAX_OUTPUT) {
                closed = true;
                session.disconnect();
                throw new SshFailure(SshFailure.Kind.PROTOCOL, endpoint.name() + " printed more than " + (MAX_OUTPUT >> 20)
                        + " MiB for one command; the connection was closed", "check what the host runs for a login (a shell profile that prints)", null);
            }
            while (!ch.isClosed() && !timedOut.get()) Thread.sleep(5);
            writer.join(1000);
            if (timedOut.get()) throw timeout(script, timeout);
            int exit = ch.getExitStatus();
            String stderr = err.text();
            return new ExecResult(exit, stdout, stderr);
        } catch (JSchException | IOException e) {
            if (timedOut.get()) throw timeout(script, timeout);
            closed = true;
            throw new SshFailure(SshFailure.Kind.UNREACHABLE, "the connection to " + endpoint.name() + " broke: " + e.getMessage(),
                    "check the host and the network; the run can be repeated", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SshFailure(SshFailure.Kind.PROTOCOL, "interrupted while running a command on " + endpoint.name(), null, e);
        } finally {
            done.set(true);
            watchdog.interrupt();
            if (ch != null) ch.disconnect();
        }
    }

    private SshFailure timeout(String script, Duration timeout) {
        closed = true;
        String what = script.length() > 60 ? script.substring(0, 60) + "…" : script;
        return new SshFailure(SshFailure.Kind.TIMEOUT,
                endpoint.name() + " did not finish a command within " + timeout.toSeconds() + " s (" + what.replace('\n', ' ') + "); the connection was closed",
                "check what blocks on the host (a hung mount, a full disk), or raise the command timeout", null);
    }

    @Override
    public void close() {
        closed = true;
        session.disconnect();
        if (jump != null) jump.disconnect();
        if (!released) {
            released = true;
            onClose.run();
        }
    }

    private boolean released;

    /** The first {@code max} bytes written to it (stderr: enough for a reason, never a heap's worth). */
    private static final class Head extends OutputStream {
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
        private final int max;

        Head(int max) {
            this.max = max;
        }

        @Override
        public synchronized void write(int b) {
            if (kept.size() < max) kept.write(b);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            kept.write(b, off, Math.max(0, Math.min(len, max - kept.size())));
        }

        synchronized String text() {
            return kept.toString(StandardCharsets.UTF_8);
        }
    }
}
