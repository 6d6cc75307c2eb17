package dev.fleetform.reconciler.host.ssh;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ShellQuoteTest {

    @Test
    void plainWordsStayBareAndEverythingElseIsSingleQuoted() {
        assertEquals("net.core.somaxconn", ShellQuote.quote("net.core.somaxconn"));
        assertEquals("/etc/sysctl.d/90-fleetform.conf", ShellQuote.quote("/etc/sysctl.d/90-fleetform.conf"));
        assertEquals("''", ShellQuote.quote(""));
        assertEquals("'20000 60000'", ShellQuote.quote("20000 60000"));
        assertEquals("'$(touch /tmp/pwned)'", ShellQuote.quote("$(touch /tmp/pwned)"));
        assertEquals("'it'\\''s'", ShellQuote.quote("it's"));
        assertEquals("'a\nb'", ShellQuote.quote("a\nb"), "a line break is quotable in sh");
        assertEquals("sysctl -n 'a;b' '`id`'", ShellQuote.command("sysctl", "-n", "a;b", "`id`"));
    }

    @Test
    void nulCannotBeQuotedAndFileLinesMustBeOneLine() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ShellQuote.quote("a\0b"));
        assertTrue(e.getMessage().contains("a\\0b"), e.getMessage());
        assertEquals("net.core.somaxconn", ShellQuote.line("a sysctl key", "net.core.somaxconn"));
        IllegalArgumentException l = assertThrows(IllegalArgumentException.class, () -> ShellQuote.line("a sysctl value", "1\nkernel.x = 1"));
        assertTrue(l.getMessage().startsWith("a sysctl value must be one line"), l.getMessage());
    }

    @Test
    void aNonRootUserGoesThroughSudoWithoutAPasswordPrompt() {
        assertEquals("LC_ALL=C.UTF-8 sh -c 'id -u'", SshSession.asRoot("root", "id -u"));
        assertEquals("LC_ALL=C.UTF-8 sudo -n sh -c 'id -u; echo '\\''x'\\'''", SshSession.asRoot("ops", "id -u; echo 'x'"));
        // sudo 1.9's words on Debian 12 with -n and no NOPASSWD rule
        assertTrue(SshSession.sudoWantsPassword("sudo: a password is required\n"));
        assertFalse(SshSession.sudoWantsPassword("sysctl: cannot stat /proc/sys/x: No such file or directory\n"));
    }
}
