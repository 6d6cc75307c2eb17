package dev.fleetform.cli;

import dev.fleetform.reconciler.host.lab.Lab;
import dev.fleetform.reconciler.host.lab.LabExtension;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code reconcile --repo ssh://…}: the fleet repository fetched over SSH (JGit's Apache MINA
 * transport) from a lab host's real sshd and git-upload-pack, its key checked against
 * {@code --known-hosts}; a server whose key is not there is refused before anything is fetched.
 */
@ExtendWith(LabExtension.class)
class ReconcileSshRepoLabTest {
    @TempDir
    Path dir;

    @Test
    void aRepositoryServedOverSshIsFetchedWithTheServersKeyCheckedAndApplied(Lab lab) throws Exception {
        Path work = dir.resolve("work");
        RevCommit commit = LabRepos.ofLab(lab, work);
        Path bare = dir.resolve("fleet.git");
        Git.cloneRepository().setURI(work.toUri().toString()).setDirectory(bare.toFile()).setBare(true).call().close();

        Lab.Host server = lab.host(3); // its sshd serves the repository: the lab hosts see this machine's /tmp
        Lab.Host target = lab.host(2);
        lab.inHost(target, Lab.NO_BASELINE_FILES);
        String url = "ssh://root@" + server.address() + ":22" + bare.toAbsolutePath();
        Cli run = Cli.run("reconcile", "--once", "--target", "host/" + target.name(), "--repo", url,
                "--ssh-key", lab.identityFile().toString(), "--known-hosts", lab.knownHosts().toString(),
                "--cache-dir", dir.resolve("cache").toString());
        assertEquals(0, run.exit(), run.out() + run.err());
        assertTrue(run.out().startsWith("success: commit " + commit.getName().substring(0, 7)), run.out());
        assertEquals("4096", lab.inHost(target, "sysctl -n net.core.somaxconn").out().strip(), "applied from the fetched commit");

        Path stranger = dir.resolve("other_known_hosts");
        Files.writeString(stranger, "");
        lab.inHost(target, Lab.NO_BASELINE_FILES);
        Cli refused = Cli.run("reconcile", "--once", "--target", "host/" + target.name(), "--repo", url,
                "--ssh-key", lab.identityFile().toString(), "--known-hosts", stranger.toString(),
                "--cache-dir", dir.resolve("cache-2").toString());
        assertFalse(refused.exit() == 0, refused.out() + refused.err());
        String said = refused.out() + refused.err();
        assertTrue(said.contains("cannot fetch ssh://" + server.address() + ":22") && said.contains("Server key did not validate"), said);
        assertFalse(said.contains("root@"), "the URL's user info is never shown: " + said);
        assertFalse(said.contains("Exception"), said);
        assertEquals(1, lab.inHost(target, "test -e /etc/sysctl.d/60-fleetform.conf").exit(), "nothing applied from an unchecked server");
    }
}
