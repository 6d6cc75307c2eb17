package dev.fleetform.cli;

import dev.fleetform.reconciler.host.lab.Lab;
import dev.fleetform.reconciler.host.lab.LabExtension;
import dev.fleetform.reconciler.kubernetes.apiserver.ApiServer;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code fleetform reconcile --once} in a child JVM killed with SIGKILL during an apply, then run
 * again, against a lab host and the test API server. The host's disk carries ext4 and git declares
 * xfs, approved in approvals.yaml: a destructive mkfs. The host is reached through a second sshd
 * that logs every command and, at the mkfs step, lets the test kill the process right before the
 * step starts or right after it ends (before the mount that follows it), and counts how often the
 * mkfs ran.
 */
@ExtendWith(LabExtension.class)
class ReconcileKillLabTest {
    private static final int PORT = 2222;
    private static final String DIR = "/root/cmdlog";
    private static final String FS = "host/lab-02/filesystem/data";

    @TempDir
    Path dir;
    private Lab lab;
    private Lab.Host host;
    private String device;
    private ApiServer api;
    private Path kubeconfig;
    private Path repo;
    private final Path marker = Path.of("/tmp/ff-loopkill-" + UUID.randomUUID());

    @BeforeEach
    void setUp(Lab lab) throws Exception {
        this.lab = lab;
        this.host = lab.host(2);
        this.device = lab.requireLabDevice(host.disks().getFirst());
        // the step's wrapper: MODE (a file, read once) is "before" (stop before mkfs, never run it) or "after" (stop once it ran)
        String script = """
                set -e
                umount -q /srv/data 2>/dev/null || true; rm -rf /srv/data
                printf '# lab fstab\\n' > /etc/fstab
                wipefs -q -a %5$s; mkfs.ext4 -q -F %5$s
                mkdir -p %1$s
                cat > %1$s/run <<'EOF'
                #!/bin/sh
                printf '%%s\\n--\\n' "$SSH_ORIGINAL_COMMAND" >> %1$s/commands.log
                case "$SSH_ORIGINAL_COMMAND" in *mkfs.xfs*)
                  mode=$(cat %1$s/mode 2>/dev/null); : > %1$s/mode
                  if [ "$mode" = before ]; then touch %6$s; sleep 30; exit 99; fi
                  /bin/sh -c "$SSH_ORIGINAL_COMMAND"; r=$?; echo "mkfs exit=$r" >> %1$s/mkfs.log
                  if [ "$mode" = after ]; then touch %6$s; sleep 30; fi
                  exit $r ;;
                esac
                exec /bin/sh -c "$SSH_ORIGINAL_COMMAND"
                EOF
                chmod 755 %1$s/run
                : > %1$s/commands.log; : > %1$s/mkfs.log; : > %1$s/mode
                sed -e 's|^ListenAddress .*|ListenAddress %2$s:%3$d|' -e 's|^PidFile .*|PidFile %1$s/sshd.pid|' %4$s/sshd_config > %1$s/sshd_config
                echo 'ForceCommand %1$s/run' >> %1$s/sshd_config
                setsid /usr/sbin/sshd -D -f %1$s/sshd_config -E %1$s/sshd.log </dev/null >/dev/null 2>&1 &
                for i in $(seq 1 100); do [ -s %1$s/sshd.pid ] && exit 0; sleep 0.05; done
                exit 1
                """.formatted(DIR, host.address(), PORT, host.dir(), device, marker);
        in(script);

        api = ApiServer.start();
        kubeconfig = api.kubeconfig(dir.resolve("kubeconfig"), "prod-admin");
        api.seed(new NodeBuilder().withNewMetadata().withName(host.name()).addToLabels("kubernetes.io/hostname", host.name()).endMetadata().build());

        repo = dir.resolve("fleet");
        Files.createDirectories(repo);
        Files.writeString(repo.resolve("known_hosts"), "[" + host.address() + "]:" + PORT + " " + host.hostKey() + "\n");
        Files.writeString(repo.resolve("approvals.yaml"), "approvals:\n"
                + "  - { address: " + FS + ", reason: \"reformat the scratch disk as xfs\", approver: alice }\n");
        Files.writeString(repo.resolve("fleet.yaml"), """
                apiVersion: fleetform.dev/v1
                kind: Fleet
                metadata: { name: lab, owners: [lab@example.com] }
                defaults:
                  ssh: { user: root, port: %d, identityFile: %s, knownHosts: known_hosts }
                hosts:
                  - name: %s
                    address: %s
                    roles: [k8s-worker]
                    labels: { pool: miners }
                    hardware:
                      cpu: { cores: 2 }
                      memoryGiB: 16
                      disks: [ { name: d1, device: %s, sizeGiB: 1, media: ssd } ]
                    storage:
                      filesystems:
                        - { name: data, on: d1, type: xfs, mountpoint: /srv/data, mountOptions: [noatime] }
                kubernetes:
                  clusters:
                    - name: prod
                      context: prod-admin
                      pools:
                        - name: miners
                          nodes: { roles: [k8s-worker], labels: { pool: miners } }
                          labels: { fleetform.dev/pool: miners }
                workloads:
                  miners:
                    - name: ore-miner
                      cluster: prod
                      pool: miners
                      namespace: mining
                      image: ghcr.io/regolith-labs/ore:3.4.15
                      replicas: 1
                      cores: 1
                      resources: { memory: 1Gi, gpu: 0 }
                """.formatted(PORT, lab.identityFile(), host.name(), host.address(), device));
        try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
            git.add().addFilepattern(".").call();
            git.commit().setMessage("lab-02: data as xfs, approved").setAuthor("Alice", "alice@example.org").setSign(false).call();
        }
    }

    @AfterEach
    void tearDown() throws IOException {
        if (api != null) api.close();
        lab.inHost(host, "kill $(cat " + DIR + "/sshd.pid) 2>/dev/null; rm -rf " + DIR + "; umount -q /srv/data 2>/dev/null; rm -rf /srv/data");
        Files.deleteIfExists(marker);
    }

    private String in(String script) {
        Lab.Result r = lab.inHost(host, script);
        assertEquals(0, r.exit(), r.out());
        return r.out();
    }

    private String uuid() {
        return in("blkid -p -s UUID -o value " + device).strip();
    }

    private String type() {
        return in("blkid -p -s TYPE -o value " + device + " || true").strip();
    }

    /** The mkfs step's runs as the host saw them: one line each, with its exit status. */
    private List<String> mkfsRuns() {
        return in("cat " + DIR + "/mkfs.log").lines().toList();
    }

    private Process start(Path log) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "dev.fleetform.cli.Main",
                "reconcile", "--once", "--repo", repo.toString(), "--cache-dir", dir.resolve("cache").toString(),
                "--kubeconfig", kubeconfig.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** Runs reconcile --once until the wrapper says the mkfs step was reached, then SIGKILLs it. */
    private void killAtTheStep(String mode) throws Exception {
        in("echo " + mode + " > " + DIR + "/mode");
        Path log = dir.resolve("killed.log");
        Process p = start(log);
        try {
            Instant end = Instant.now().plusSeconds(120);
            while (!Files.exists(marker)) {
                if (!p.isAlive() || Instant.now().isAfter(end)) {
                    throw new AssertionError("the run never reached the mkfs step (exit " + (p.isAlive() ? "-" : p.exitValue()) + "):\n"
                            + Files.readString(log) + "\n" + in("cat " + DIR + "/commands.log"));
                }
                Thread.sleep(20);
            }
            p.destroyForcibly(); // SIGKILL: no shutdown hook, no finally
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
            assertEquals(137, p.exitValue(), Files.readString(log));
        } finally {
            p.destroyForcibly();
        }
    }

    private Run runToTheEnd() throws Exception {
        Path log = dir.resolve("run-" + UUID.randomUUID() + ".log");
        Process p = start(log);
        try {
            assertTrue(p.waitFor(180, TimeUnit.SECONDS), "reconcile --once did not end");
            return new Run(p.exitValue(), Files.readString(log));
        } finally {
            p.destroyForcibly();
        }
    }

    /** @param out stderr's log lines, then the one line --once prints on stdout */
    private record Run(int exit, String out) {
        String summary() {
            List<String> lines = out.strip().lines().toList();
            return lines.isEmpty() ? "" : lines.getLast();
        }
    }

    private List<String> journal() throws IOException {
        try (Stream<Path> files = Files.list(dir.resolve("cache"))) {
            Path j = files.filter(f -> f.getFileName().toString().endsWith(".apply-journal")).findFirst()
                    .orElseThrow(() -> new AssertionError("no apply journal in the cache"));
            return Files.readAllLines(j);
        }
    }

    private String journalText() {
        try {
            return String.join("\n", journal());
        } catch (IOException e) {
            return e.toString();
        }
    }

    private void assertConverged(String uuid) {
        assertEquals("xfs", type());
        assertEquals(uuid, uuid());
        assertEquals(device + "\n", in("findmnt -rn -o SOURCE --mountpoint /srv/data"));
        assertTrue(in("cat /etc/fstab").contains("UUID=" + uuid + " /srv/data xfs noatime 0 0"), in("cat /etc/fstab"));
        assertNotNull(api.client().apps().deployments().inNamespace("mining").withName("ore-miner").get(), "the miner is in the cluster");
    }

    @Test
    void killedRightAfterTheMkfsTheRestartMountsItAndNeverFormatsAgainNotEvenWhenTheDiskLooksAsIfItNeededIt() throws Exception {
        String ext4 = uuid();
        killAtTheStep("after");
        assertEquals(List.of("mkfs exit=0"), mkfsRuns());
        String xfs = uuid();
        assertEquals("xfs", type());
        assertNotEquals(ext4, xfs);
        assertEquals("", in("findmnt -rn -o SOURCE --mountpoint /srv/data || true"), "killed before the mount");
        List<String> killed = journal();
        assertEquals(1, killed.size(), killed.toString());
        assertTrue(killed.getFirst().contains("\"event\":\"intent\"") && killed.getFirst().contains(FS), killed.toString());

        Run again = runToTheEnd();
        assertEquals(0, again.exit(), again.out());
        assertTrue(again.summary().startsWith("success: commit "), again.out());
        assertEquals(List.of("mkfs exit=0"), mkfsRuns(), "the mkfs ran once, before the kill");
        assertConverged(xfs);
        List<String> closed = journal();
        assertEquals(2, closed.size(), closed.toString());
        assertTrue(closed.get(1).contains("\"event\":\"done\"") && closed.get(1).contains("found in sync"), closed.toString());

        // the same commit, and the disk made ext4 again by hand: its approval was used, nothing is formatted
        in("umount /srv/data && wipefs -q -a " + device + " && mkfs.ext4 -q -F " + device);
        String byHand = uuid();
        Run third = runToTheEnd();
        // the filesystem is blocked, and its mount fails: the disk carries ext4, not the xfs git declares
        assertEquals(4, third.exit(), () -> third.out() + "\nmkfs: " + mkfsRuns() + "\ntype: " + type() + "\njournal: " + journalText()
                + "\nfstab: " + in("cat /etc/fstab; findmnt -rn --mountpoint /srv/data || true"));
        assertTrue(third.summary().startsWith("failed: commit ") && third.summary().contains(" 1 blocked, 1 error(s); first: host/lab-02/mount/data: ")
                && third.summary().contains("carries ext4, not xfs"), third.out());
        assertEquals(closed, journal(), "no new intent: the step was held back before it began");
        assertEquals(List.of("mkfs exit=0"), mkfsRuns(), "no second mkfs");
        assertEquals("ext4", type());
        assertEquals(byHand, uuid());
    }

    @Test
    void killedRightBeforeTheMkfsTheRestartRunsItOnce() throws Exception {
        String ext4 = uuid();
        killAtTheStep("before");
        assertEquals(List.of(), mkfsRuns(), "the step never started");
        assertEquals("ext4", type());
        assertEquals(ext4, uuid(), "the disk is as it was");
        List<String> killed = journal();
        assertEquals(1, killed.size(), killed.toString());
        assertTrue(killed.getFirst().contains("\"event\":\"intent\""), killed.toString());

        Run again = runToTheEnd();
        assertEquals(0, again.exit(), again.out());
        assertEquals(List.of("mkfs exit=0"), mkfsRuns(), "the interrupted step ran, once");
        String xfs = uuid();
        assertNotEquals(ext4, xfs);
        assertConverged(xfs);
        List<String> records = journal();
        assertEquals(3, records.size(), records.toString());
        assertTrue(records.get(2).contains("\"event\":\"done\"") && records.get(2).contains("applied"), records.toString());

        Run steady = runToTheEnd();
        assertEquals(0, steady.exit(), steady.out());
        assertEquals(List.of("mkfs exit=0"), mkfsRuns());
        assertEquals(xfs, uuid());
        List<String> cmds = new ArrayList<>(in("cat " + DIR + "/commands.log").lines().filter(l -> l.contains("mkfs.xfs")).toList());
        assertEquals(2, cmds.size(), "the step was sent twice (once held at the kill, once run), and run once: " + cmds);
    }
}
