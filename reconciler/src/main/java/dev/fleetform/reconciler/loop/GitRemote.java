package dev.fleetform.reconciler.loop;

import org.eclipse.jgit.api.TransportCommand;
import org.eclipse.jgit.transport.SshTransport;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.eclipse.jgit.transport.sshd.SshdSessionFactory;
import org.eclipse.jgit.transport.sshd.SshdSessionFactoryBuilder;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Where the fleet repository is and how to authenticate: a path or {@code file://} URL, https
 * with a token (sent as the password of {@code user}, as GitHub and GitLab take a token), or ssh
 * through JGit's Apache MINA sshd transport with a key and a known_hosts file (unknown or changed
 * host keys are refused).
 *
 * @param token      for https, or null
 * @param sshKey     for ssh, or null for the ssh directory's default keys
 * @param knownHosts for ssh, or null for {@code ~/.ssh/known_hosts}
 */
public record GitRemote(String url, String user, String token, Path sshKey, Path knownHosts) {
    private static final Pattern USERINFO = Pattern.compile("^([a-z][a-z0-9+.-]*://)[^/@]*@");

    public static GitRemote of(String url) {
        return new GitRemote(url, "x-access-token", null, null, null);
    }

    /** The URL without user or password, for logs and /status. */
    public String display() {
        return USERINFO.matcher(url).replaceFirst("$1");
    }

    /** URL user info (a user, a password, a token) taken out of any URL in {@code text}: JGit's messages repeat the URL as given. */
    String scrub(String text) {
        return text == null ? "" : ANY_USERINFO.matcher(text).replaceAll("$1");
    }

    private static final Pattern ANY_USERINFO = Pattern.compile("\\b([a-z][a-z0-9+.-]*://)[^/@\\s]*@");

    String hint() {
        if (url.startsWith("https://") || url.startsWith("http://")) {
            return token == null ? "a private repository needs --token-env or --token-file" : "check the token and that it may read the repository";
        }
        if (url.startsWith("ssh://") || url.matches("^[^/]+@[^/]+:.*")) {
            return "check --ssh-key and that the host's key is in --known-hosts";
        }
        return "check --repo";
    }

    /** The ssh transport for a key or a known_hosts file of our own, or null for JGit's default (~/.ssh). Close it after use. */
    SshdSessionFactory sshFactory() {
        if (sshKey == null && knownHosts == null) return null;
        java.io.File home = org.eclipse.jgit.util.FS.DETECTED.userHome();
        SshdSessionFactoryBuilder b = new SshdSessionFactoryBuilder()
                .setHomeDirectory(home).setSshDirectory(new java.io.File(home, ".ssh"));
        if (sshKey != null) b.setDefaultIdentities(dir -> List.of(sshKey));
        if (knownHosts != null) b.setDefaultKnownHostsFiles(dir -> List.of(knownHosts));
        return b.build(null);
    }

    <C extends TransportCommand<C, ?>> void configure(C command, SshdSessionFactory ssh) {
        if (token != null) command.setCredentialsProvider(new UsernamePasswordCredentialsProvider(user, token));
        if (ssh != null) {
            command.setTransportConfigCallback(t -> {
                if (t instanceof SshTransport transport) transport.setSshSessionFactory(ssh);
            });
        }
    }
}
