package dev.fleetform.reconciler.host.lab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The lab of SSH hosts made by {@code lab/up} (network namespaces with their own mounts and a real
 * sshd), as tests see it: its hosts, the lab user's key, known_hosts, and the loop devices it
 * attached. Reads lab/out; starts nothing by itself ({@link LabExtension} does).
 */
public final class Lab {
    /** One lab host: its fleet name, address, and the pid of its sshd (whose namespaces it has). */
    public record Host(String name, String address, Path dir) {
        public long sshdPid() {
            try {
                return Long.parseLong(Files.readString(dir.resolve("sshd.pid")).strip());
            } catch (IOException e) {
                throw new IllegalStateException(name + " has no sshd.pid: is the lab up?", e);
            }
        }

        /** The host's own ed25519 public key line ({@code ssh-ed25519 AAAA...}). */
        public String hostKey() {
            try {
                String[] p = Files.readString(dir.resolve("ssh_host_ed25519_key.pub")).strip().split(" ");
                return p[0] + " " + p[1];
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        /** The loop devices lab/up attached for this host, in disk order. */
        public List<String> disks() {
            List<String> out = new ArrayList<>();
            for (int d = 1; Files.exists(dir.resolve("disk-" + d + ".dev")); d++) {
                try {
                    out.add(Files.readString(dir.resolve("disk-" + d + ".dev")).strip());
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }
            return out;
        }
    }

    private final Path dir;

    Lab(Path dir) {
        this.dir = dir;
    }

    /** The repo's lab/ directory (lab/up, lab/down and the out directories). */
    public Path dir() {
        return dir;
    }

    /** The repo's lab directory, from the module's working directory. */
    static Path home() {
        Path here = Path.of("").toAbsolutePath();
        for (Path p = here; p != null; p = p.getParent()) {
            if (Files.isExecutable(p.resolve("lab/up"))) return p.resolve("lab");
        }
        throw new IllegalStateException("no lab/up above " + here);
    }

    /** lab/out, or lab/out-L for the lab of {@code $FLEETFORM_LAB} L (as lab/lib.sh names it). */
    public Path out() {
        String id = id();
        return dir.resolve(id.equals("0") ? "out" : "out-" + id);
    }

    private static String id() {
        String id = System.getenv().getOrDefault("FLEETFORM_LAB", "0");
        return id.matches("[0-9]") ? id : "0";
    }

    /** The domain template lab/up writes for TCG ({@code type='qemu'}, no host-passthrough CPU). */
    public Path templates() {
        return out().resolve("templates");
    }

    public Path identityFile() {
        return out().resolve("id_ed25519");
    }

    public Path knownHosts() {
        return out().resolve("known_hosts");
    }

    /** Lab host {@code i} (1-based), as lab/up names it. */
    public Host host(int i) {
        return new Host(String.format("lab-%02d", i), network() + "." + (i + 10), out().resolve("hosts").resolve(String.format("lab-%02d", i)));
    }

    /** The lab's /24 ({@code 10.77.<L>}), L from {@code $FLEETFORM_LAB} as lab/lib.sh reads it. */
    public static String network() {
        return "10.77." + id();
    }

    /** Prometheus's address on host {@code i}, as lab/up starts it. */
    public String prometheus(int i) {
        return "http://" + host(i).address() + ":9090";
    }

    /**
     * Removes the baseline files Fleetform writes (and the 90- sysctl file of earlier versions): a
     * test that writes them takes them away after, since a key in them that another test's fleet
     * does not declare is drift (a delete) for that test.
     */
    public static final String NO_BASELINE_FILES = "rm -f /etc/sysctl.d/60-fleetform.conf /etc/sysctl.d/90-fleetform.conf "
            + "/etc/security/limits.d/60-fleetform.conf /etc/systemd/system.conf.d/60-fleetform.conf";

    /** Alertmanager's URL on host {@code i} (lab/up with FLEETFORM_LAB_ALERTMANAGER). */
    public String alertmanager(int i) {
        return "http://" + host(i).address() + ":9093";
    }

    /** Whether Alertmanager on host {@code i} answers its readiness check. */
    boolean alertmanagerUp(int i) {
        return ready(alertmanager(i));
    }

    /** Whether Prometheus on host {@code i} answers its readiness check. */
    boolean prometheusUp(int i) {
        return ready(prometheus(i));
    }

    private static boolean ready(String base) {
        try {
            java.net.HttpURLConnection c = (java.net.HttpURLConnection) java.net.URI.create(base + "/-/ready").toURL().openConnection();
            c.setConnectTimeout(1000);
            c.setReadTimeout(2000);
            try {
                return c.getResponseCode() == 200;
            } finally {
                c.disconnect();
            }
        } catch (IOException e) {
            return false;
        }
    }

    /** Whether hosts 1..n are up: each has its sshd running. */
    boolean up(int n) {
        for (int i = 1; i <= n; i++) {
            Host h = host(i);
            if (!Files.exists(h.dir().resolve("ready")) || !Files.exists(h.dir().resolve("sshd.pid"))) return false;
            if (!Files.isDirectory(Path.of("/proc", Long.toString(h.sshdPid())))) return false;
        }
        return libvirtUp();
    }

    /** The host that runs libvirtd ({@code FLEETFORM_LAB_LIBVIRT} for lab/up): lab-01. */
    public static final int LIBVIRT_HOST = 1;

    /** Whether the libvirt host's libvirtd runs. */
    boolean libvirtUp() {
        Path pid = host(LIBVIRT_HOST).dir().resolve("libvirtd.pid");
        try {
            return Files.exists(pid) && Files.isDirectory(Path.of("/proc", Files.readString(pid).strip()));
        } catch (IOException e) {
            return false;
        }
    }

    /** Destroys and undefines every domain of the lab's libvirt host (all of them the tests'). */
    void clearDomains() {
        Result r = inHost(host(LIBVIRT_HOST), "virsh list --all --name | while IFS= read -r d; do [ -n \"$d\" ] || continue; "
                + "virsh destroy -- \"$d\" >/dev/null 2>&1; virsh undefine -- \"$d\" >/dev/null || exit 1; done");
        if (r.exit() != 0) throw new IllegalStateException("cannot clear the domains of " + host(LIBVIRT_HOST).name() + ":\n" + r.out());
    }

    /**
     * The harness's guard: {@code device} must be a loop device lab/up attached (listed in
     * lab/out/loop-devices and still backed by the lab's file). Anything else is refused before a
     * test may format it.
     */
    public String requireLabDevice(String device) {
        try {
            for (String line : Files.readAllLines(out().resolve("loop-devices"))) {
                String[] p = line.strip().split(" ", 2);
                if (p.length == 2 && p[0].equals(device)) {
                    Result back = run(List.of("losetup", "-n", "-O", "BACK-FILE", device));
                    if (back.out().strip().equals(p[1])) return device;
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        throw new IllegalArgumentException("refused: " + device + " is not a loop device the lab attached");
    }

    /** Runs {@code script} inside a host's namespaces (as the host's own root, not over SSH): what a person at its console does. */
    public Result inHost(Host h, String script) {
        return run(List.of("nsenter", "-t", Long.toString(h.sshdPid()), "-m", "-u", "-n", "/bin/sh", "-c", script));
    }

    /** {@link #inHost}, which must succeed: its output. */
    public String onHost(Host h, String script) {
        Result r = inHost(h, script);
        if (r.exit() != 0) throw new AssertionError("exit " + r.exit() + " on " + h.name() + ": " + r.out());
        return r.out();
    }

    public record Result(int exit, String out) {
    }

    static Result run(List<String> command) {
        return run(command, Map.of());
    }

    static Result run(List<String> command, Map<String, String> env) {
        try {
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
            pb.environment().putAll(env);
            Process p = pb.start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("timed out: " + command);
            }
            return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
