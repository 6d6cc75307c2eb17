package dev.fleetform.reconciler.loop;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A repository URL is shown without its user info, also inside JGit's own messages. */
class GitRemoteTest {
    @Test
    void userInfoIsTakenOutOfEveryUrlInAMessage() {
        GitRemote r = new GitRemote("https://bot:s3cr3t-token@git.example.com/sre/fleet.git", "x-access-token", null, null, null);
        assertEquals("https://git.example.com/sre/fleet.git", r.display());
        assertEquals("https://git.example.com/sre/fleet.git: not authorized; see ssh://git.example.com:22/x and http://h/y",
                r.scrub("https://bot:s3cr3t-token@git.example.com/sre/fleet.git: not authorized; see ssh://root@git.example.com:22/x and http://h/y"));
        assertEquals("", r.scrub(null));
    }
}
