package dev.fleetform.reconciler.host.lab;

import dev.fleetform.compiler.Validation;
import dev.fleetform.compiler.emit.Artefact;
import dev.fleetform.compiler.emit.DataEmitter;
import dev.fleetform.compiler.emit.EmitContext;
import dev.fleetform.compiler.emit.Emitters;
import dev.fleetform.compiler.emit.Templates;
import dev.fleetform.compiler.load.FileSystemSource;
import dev.fleetform.compiler.work.Workers;
import dev.fleetform.reconciler.api.Fleetform;
import dev.fleetform.reconciler.engine.Drift;
import dev.fleetform.reconciler.engine.Engine;
import dev.fleetform.reconciler.engine.Progress;
import dev.fleetform.reconciler.engine.TargetPlan;
import dev.fleetform.reconciler.host.HostProvider;
import dev.fleetform.reconciler.host.ssh.SshOptions;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the lab test classes drive the host provider with: the same SSH settings, a valid fleet, an engine over it. */
public final class LabRuns {
    private LabRuns() {
    }

    /** Quick to give up on a lab host that is not there (the lab is local): 3 s to connect, one retry. */
    public static final SshOptions SSH = SshOptions.defaults().withConnectTimeout(Duration.ofSeconds(3)).withRetries(1, Duration.ofMillis(200));

    /** The fleet file, validated; a test whose fleet does not validate fails saying why. */
    public static Validation valid(Path fleetFile) {
        Validation v = Fleetform.open(fleetFile, Workers.callerOnly()).validate();
        assertTrue(v.valid(), () -> v.diagnostics().toString());
        return v;
    }

    /** {@code yaml} as the fleet file of {@code repo}, beside a copy of the lab's known_hosts (its {@code knownHosts}), validated. */
    public static Validation fleet(Lab lab, Path repo, String yaml) throws IOException {
        Files.copy(lab.knownHosts(), repo.resolve("known_hosts"), StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(repo.resolve("fleet.yaml"), yaml);
        return valid(repo.resolve("fleet.yaml"));
    }

    /** An engine over the host provider of {@code v} (built-in templates, {@link #SSH}), reading the fleet's files from {@code repo}. */
    public static Engine hostEngine(Validation v, Path repo) {
        return engine(new HostProvider(v, new EmitContext(Templates.builtIn()), new FileSystemSource(repo), SSH));
    }

    /** Each target's changes, {@code action address} sorted (an empty list for a target in sync). */
    public static Map<String, List<String>> changes(Drift d) {
        return changes(d, address -> true, true);
    }

    /** Only the changes whose address {@code keep} takes; a target with none is left out. */
    public static Map<String, List<String>> changes(Drift d, Predicate<String> keep) {
        return changes(d, keep, false);
    }

    private static Map<String, List<String>> changes(Drift d, Predicate<String> keep, boolean everyTarget) {
        Map<String, List<String>> m = new TreeMap<>();
        for (TargetPlan t : d.targets()) {
            List<String> cs = t.plan().changes().stream().filter(c -> keep.test(c.address().text()))
                    .map(c -> c.action().jsonName() + " " + c.address().text()).sorted().toList();
            if (everyTarget || !cs.isEmpty()) m.put(t.target().address(), cs);
        }
        return m;
    }

    /** {@code POST /-/reload} to the Prometheus or Alertmanager at {@code url}, which must answer 200. */
    public static void reload(String url) throws IOException, InterruptedException {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url + "/-/reload"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
    }

    /** An engine over {@code provider}, computing on the calling thread. */
    public static Engine engine(dev.fleetform.reconciler.engine.Provider provider) {
        return new Engine(List.of(provider), Workers.callerOnly(), Progress.NONE);
    }

    /**
     * The script that makes a login user {@code ops} in a host's own /etc, allowed sudo as
     * {@code rule} says: no home (/tmp), and /bin/sh, which is dash, as its login shell (what
     * useradd gives on Debian).
     */
    public static String addOps(String rule) {
        return "grep -q '^ops:' /etc/passwd || { echo 'ops:x:4242:4242::/tmp:/bin/sh' >>/etc/passwd; "
                + "echo 'ops:*:19000:0:99999:7:::' >>/etc/shadow; echo 'ops:x:4242:' >>/etc/group; }; "
                + "printf '%s\\n' '" + rule + "' >/etc/sudoers.d/ops; chmod 0440 /etc/sudoers.d/ops";
    }

    /** The script that removes {@link #addOps}'s user again. */
    public static final String REMOVE_OPS = "sed -i '/^ops:/d' /etc/passwd /etc/shadow /etc/group; rm -f /etc/sudoers.d/ops";

    /** The bytes {@code fleetform compile} writes for an output path, with the built-in templates. */
    public static byte[] compiled(Validation v, String path) {
        for (var e : Emitters.all()) {
            if (!(e instanceof DataEmitter d)) continue;
            for (Artefact a : d.emit(v.fleet(), v.index(), new EmitContext(Templates.builtIn()))) if (a.path().equals(path)) return a.bytes();
        }
        throw new AssertionError("not compiled: " + path);
    }
}
