package dev.fleetform.reconciler.host;

import dev.fleetform.compiler.Validation;
import dev.fleetform.compiler.emit.Artefact;
import dev.fleetform.compiler.emit.EmitContext;
import dev.fleetform.compiler.emit.Templates;
import dev.fleetform.compiler.emit.consul.ConsulEmitter;
import dev.fleetform.reconciler.engine.ApplyReport;
import dev.fleetform.reconciler.engine.Drift;
import dev.fleetform.reconciler.engine.Engine;
import dev.fleetform.reconciler.engine.Outcome;
import dev.fleetform.reconciler.engine.Selection;
import dev.fleetform.reconciler.host.lab.Lab;
import dev.fleetform.reconciler.host.lab.LabExtension;
import dev.fleetform.reconciler.host.lab.LabRuns;
import dev.fleetform.reconciler.render.RunText;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code monitoring.consul} on the lab: each host's compiled service definitions go to its agent's
 * config dir, and {@code consul reload} runs where consul is installed. Consul is not in Debian 12,
 * so on one host a recording shim named {@code consul} (a stand-in for the real agent's CLI, which
 * logs its arguments) is put on the PATH through an overlay over /usr/local/bin in that host's
 * mount namespace only; the other host has no consul and apply says so.
 */
@ExtendWith(LabExtension.class)
class ConsulLabTest {
    private static final int WITHOUT = 1;
    private static final int WITH = 2;
    private static final String FILE = "/etc/consul.d/fleetform-services.json";
    private static final String CALLS = "/root/consul-calls";

    @TempDir
    Path repo;
    private Lab lab;

    @BeforeEach
    void shim(Lab lab) {
        this.lab = lab;
        // no Consul file, no calls, and no baseline files other tests left (this fleet declares no baseline)
        for (int i : List.of(WITHOUT, WITH)) in(i, "rm -rf /etc/consul.d " + CALLS + "; " + Lab.NO_BASELINE_FILES);
        Path dir = lab.host(WITH).dir();
        try {
            Files.writeString(dir.resolve("consul-shim.sh"), """
                    #!/bin/sh
                    # a stand-in for the consul CLI (Consul is not in Debian 12): records its arguments, answers as consul reload does
                    printf '%%s\\n' "$*" >>%s
                    echo "Configuration reload triggered"
                    """.formatted(CALLS));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        // an overlay over /usr/local/bin in lab-02's own mount namespace: the machine's stays as it is
        String shim = dir.resolve("consul-shim").toString();
        in(WITH, "set -e; umount /usr/local/bin 2>/dev/null || true; rm -rf " + shim + "; mkdir -p " + shim + "/up " + shim + "/work; "
                + "mount -t overlay consul-shim -o lowerdir=/usr/local/bin,upperdir=" + shim + "/up,workdir=" + shim + "/work /usr/local/bin; "
                + "install -m 755 " + dir.resolve("consul-shim.sh") + " /usr/local/bin/consul");
        assertEquals("", in(WITHOUT, "command -v consul || true"));
    }

    @AfterEach
    void noShim() {
        in(WITH, "umount /usr/local/bin");
    }

    private String in(int host, String script) {
        return lab.onHost(lab.host(host), script);
    }

    private Validation validation(int port) throws IOException {
        return LabRuns.fleet(lab, repo, """
                apiVersion: fleetform.dev/v1
                kind: Fleet
                metadata: { name: lab }
                defaults:
                  ssh: { user: root, identityFile: %s, knownHosts: known_hosts }
                hosts:
                  - { name: %s, address: %s }
                  - { name: %s, address: %s }
                monitoring:
                  scrape: { node: { port: %d } }
                  consul: {}
                """.formatted(lab.identityFile(), lab.host(WITHOUT).name(), lab.host(WITHOUT).address(), lab.host(WITH).name(),
                lab.host(WITH).address(), port));
    }

    private Engine engine(Validation v) {
        return LabRuns.hostEngine(v, repo);
    }

    private static String compiled(Validation v, String node) {
        for (Artefact a : new ConsulEmitter().emit(v.fleet(), v.index(), new EmitContext(Templates.builtIn()))) {
            if (a.path().equals("consul/" + node + ".json")) return new String(a.bytes(), StandardCharsets.UTF_8);
        }
        throw new AssertionError("not compiled: consul/" + node + ".json");
    }

    private static Map<String, List<String>> changes(Drift d) {
        return LabRuns.changes(d, a -> a.contains("/consul/"));
    }

    private static Map<String, String> notes(ApplyReport r) {
        Map<String, String> m = new TreeMap<>();
        for (Outcome o : r.outcomes()) {
            if (o instanceof Outcome.Applied a && !a.note().isEmpty() && a.change().address().text().contains("/consul/")) m.put(a.change().address().text(), a.note());
        }
        return m;
    }

    @Test
    void theDefinitionsGoToEachAgentAndConsulReloadsWhereItIsInstalled() throws IOException {
        Validation v = validation(9100);
        Engine e = engine(v);
        String without = lab.host(WITHOUT).name(), with = lab.host(WITH).name();
        Drift d = e.drift(Selection.everything());
        assertTrue(d.errors().isEmpty(), () -> d.errors().toString());
        assertEquals(Map.of("host/" + without, List.of("create host/" + without + "/consul/node-" + without),
                "host/" + with, List.of("create host/" + with + "/consul/node-" + with)), changes(d));

        ApplyReport r = e.apply(d, null);
        assertFalse(r.failed(), () -> r.outcomes().toString());
        // exactly the bytes compile writes, on both; reloaded only where consul is installed
        assertEquals(compiled(v, without), in(WITHOUT, "cat " + FILE));
        assertEquals(compiled(v, with), in(WITH, "cat " + FILE));
        assertEquals("root:root 644\n", in(WITH, "stat -c '%U:%G %a' " + FILE));
        assertEquals("reload\n", in(WITH, "cat " + CALLS));
        assertEquals("absent\n", in(WITHOUT, "[ -e " + CALLS + " ] && echo there || echo absent"));
        String note = "consul is not installed on " + without + ": the definitions are written, not reloaded";
        assertEquals(Map.of("host/" + without + "/consul/node-" + without, note), notes(r));
        assertTrue(RunText.apply(r, false).contains(note), () -> RunText.apply(r, false));

        // in sync: nothing written (same inode), nothing reloaded
        String inode = in(WITH, "stat -c %i " + FILE);
        Drift again = e.drift(Selection.everything());
        assertEquals(Map.of(), changes(again));
        assertTrue(e.apply(again, null).outcomes().isEmpty());
        assertEquals(inode, in(WITH, "stat -c %i " + FILE));
        assertEquals("reload\n", in(WITH, "cat " + CALLS));

        // a port edited by hand on lab-02 is that service's update; apply writes git's file and reloads again
        in(WITH, "sed -i 's/9100/9999/g' " + FILE);
        Drift edited = e.drift(Selection.everything());
        assertEquals(Map.of("host/" + with, List.of("update host/" + with + "/consul/node-" + with)), changes(edited));
        assertTrue(RunText.drift(edited, false).contains("9999"), () -> RunText.drift(edited, false));
        ApplyReport fixed = e.apply(edited, null);
        assertFalse(fixed.failed(), () -> fixed.outcomes().toString());
        assertEquals(compiled(v, with), in(WITH, "cat " + FILE));
        assertEquals("reload\nreload\n", in(WITH, "cat " + CALLS));
    }

    @Test
    void aChangeInGitIsPlannedAtTheSameAddressAndApplied() throws IOException {
        Engine first = engine(validation(9100));
        assertFalse(first.apply(first.drift(Selection.everything()), null).failed());
        Validation v = validation(9101);
        Engine e = engine(v);
        String with = lab.host(WITH).name();
        Drift d = e.drift(new Selection(List.of("host/" + with + "/consul"), java.util.Set.of()));
        assertEquals(Map.of("host/" + with, List.of("update host/" + with + "/consul/node-" + with)), changes(d));
        ApplyReport r = e.apply(d, null);
        assertFalse(r.failed(), () -> r.outcomes().toString());
        assertEquals(compiled(v, with), in(WITH, "cat " + FILE));
        assertTrue(in(WITH, "cat " + FILE).contains("9101"));
        assertEquals("reload\nreload\n", in(WITH, "cat " + CALLS));
    }
}
