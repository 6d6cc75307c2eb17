package dev.fleetform.reconciler.loop;

import dev.fleetform.compiler.work.Workers;
import dev.fleetform.reconciler.engine.Providers;
import dev.fleetform.reconciler.kubernetes.KubeFixture;
import dev.fleetform.reconciler.kubernetes.KubernetesProvider;
import dev.fleetform.reconciler.loop.status.Result;
import dev.fleetform.reconciler.loop.status.RunStatus;
import dev.fleetform.reconciler.loop.status.Trigger;
import dev.fleetform.reconciler.loop.status.Verdict;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static dev.fleetform.reconciler.loop.ReconcileLoopTest.PRIORITY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code --require-signed} with SSH signatures as git makes them: keys from the real
 * {@code ssh-keygen}, commits from the real {@code git -c gpg.format=ssh commit -S} pushed to the
 * bare repository the loop fetches, and an allowed-signers file that the real
 * {@code git verify-commit} agrees with.
 */
class SshSignedCommitsTest {
    KubeFixture kube;
    FleetRepo repo;
    Path dir;
    final List<String> log = Collections.synchronizedList(new ArrayList<>());
    final List<AutoCloseable> closing = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/ssh-keygen")) && Files.isExecutable(Path.of("/usr/bin/git")),
                "ssh-keygen and git are needed (Debian openssh-client, git)");
        kube = new KubeFixture().seedCluster();
        repo = new FleetRepo();
        dir = Files.createTempDirectory("ff-sshsig");
    }

    @AfterEach
    void tearDown() throws Exception {
        for (AutoCloseable c : closing.reversed()) c.close();
        if (repo != null) repo.close();
        if (kube != null) kube.close();
    }

    ReconcileLoop loop(CommitVerifier verifier) throws Exception {
        Providers providers = (v, ctx) -> List.of(new KubernetesProvider(v.fleet(), v.index(), ctx, kube.connections, KubeFixture.OPTIONS));
        LoopConfig config = new LoopConfig(GitRemote.of(repo.url()), "main", "fleet.yaml", Files.createTempDirectory(dir, "cache"),
                Duration.ofHours(1), 0, Duration.ofMinutes(5), verifier);
        ReconcileLoop loop = new ReconcileLoop(config, providers, Workers.callerOnly(), new LoopMetrics(), log::add, Clock.systemUTC());
        closing.add(loop);
        return loop;
    }

    int replicas() {
        return kube.client().apps().deployments().inNamespace("mining").withName(PRIORITY).get().getSpec().getReplicas();
    }

    /** A new key pair from ssh-keygen; returns the private key's path (the public one is beside it, .pub). */
    Path key(String name, String type) throws Exception {
        Path k = dir.resolve(name);
        run(dir, List.of("ssh-keygen", "-q", "-t", type, "-N", "", "-C", name + "@example.org", "-f", k.toString()));
        return k;
    }

    /** {@code principal [options] keytype base64} for a key's .pub. */
    String signer(String principal, String options, Path key) throws IOException {
        String[] pub = Files.readString(Path.of(key + ".pub")).strip().split(" ");
        return principal + (options.isEmpty() ? "" : " " + options) + " " + pub[0] + " " + pub[1] + "\n";
    }

    /** Stages the work tree and commits it with git itself, SSH-signed with {@code key} (null: unsigned), then pushes to main. */
    String gitCommit(String message, Path key) throws Exception {
        run(repo.work, List.of("git", "add", "-A"));
        List<String> cmd = new ArrayList<>(List.of("git", "-c", "user.name=Alice", "-c", "user.email=alice@example.org"));
        if (key != null) cmd.addAll(List.of("-c", "gpg.format=ssh", "-c", "user.signingkey=" + key, "commit", "-S"));
        else cmd.addAll(List.of("commit", "--no-gpg-sign"));
        cmd.addAll(List.of("-q", "--allow-empty", "-m", message));
        run(repo.work, cmd);
        run(repo.work, List.of("git", "push", "-q", "--force", "origin", "HEAD:refs/heads/main"));
        return run(repo.work, List.of("git", "rev-parse", "HEAD")).strip();
    }

    /** What git itself says of the commit's signature against {@code allowed}: true when verify-commit passes. */
    boolean gitVerifies(String sha, Path allowed) throws Exception {
        return exec(repo.work, List.of("git", "-c", "gpg.ssh.allowedSignersFile=" + allowed, "verify-commit", sha)).exit() == 0;
    }

    @Test
    void aCommitSignedByATrustedKeyIsAppliedAndUnsignedOrUntrustedOnesAreRefused() throws Exception {
        Path alice = key("alice", "ed25519");
        Path carol = key("carol", "ecdsa");
        Path dave = key("dave", "rsa");
        Path mallory = key("mallory", "ed25519");
        // alice for git only; carol with two options, comma-separated as ssh-keygen reads them
        Path allowed = Files.writeString(dir.resolve("allowed_signers"), "# fleet committers\n"
                + signer("alice@example.org", "namespaces=\"git\"", alice)
                + signer("carol@example.org", "namespaces=\"git,file\",valid-after=\"20200101Z\"", carol)
                + signer("dave@example.org,ops@example.org", "", dave));
        TrustedKeys trusted = TrustedKeys.load(List.of(allowed));

        String signed = gitCommit("signed by alice", alice);
        assertTrue(gitVerifies(signed, allowed), "git itself trusts it");
        ReconcileLoop loop = loop(trusted);
        RunStatus first = loop.runOnce(Trigger.STARTUP);
        assertEquals(Result.SUCCESS, first.result(), first.message());
        assertEquals(signed, first.applied().sha());
        assertTrue(first.commit().signer().startsWith("SHA256:") && first.commit().signer().endsWith("(alice@example.org)"), first.commit().signer());

        // unsigned: refused, the last good one stays applied
        repo.edit("      replicas: 4\n", "      replicas: 7\n");
        String unsigned = gitCommit("seven, unsigned", null);
        RunStatus refused = loop.runOnce(Trigger.INTERVAL);
        assertEquals(Result.REJECTED, refused.result());
        assertEquals(Verdict.UNTRUSTED, refused.commit().verdict());
        assertEquals(unsigned, refused.commit().sha());
        assertEquals("unsigned", refused.commit().why());
        assertEquals(signed, refused.applied().sha());
        assertEquals(4, replicas());

        // signed by a key not in the file: refused, naming the key and the file
        String byMallory = gitCommit("seven, signed by mallory", mallory);
        assertTrue(!gitVerifies(byMallory, allowed), "git refuses it too");
        RunStatus untrusted = loop.runOnce(Trigger.INTERVAL);
        assertEquals(Result.REJECTED, untrusted.result());
        String fingerprint = run(dir, List.of("ssh-keygen", "-l", "-E", "sha256", "-f", mallory + ".pub")).split(" ")[1];
        assertEquals("signed by SSH key " + fingerprint + ", which is not in --trusted-keys " + allowed, untrusted.commit().why());
        assertTrue(log.stream().anyMatch(l -> l.contains("refused") || l.contains("not trusted")), log.toString());
        assertEquals(4, replicas());

        // an ECDSA key with comma-separated options: applied
        String byCarol = gitCommit("seven, signed by carol", carol);
        assertTrue(gitVerifies(byCarol, allowed), "git reads the options as we do");
        RunStatus applied = loop.runOnce(Trigger.INTERVAL);
        assertEquals(Result.SUCCESS, applied.result(), applied.message());
        assertEquals(byCarol, applied.applied().sha());
        assertTrue(applied.commit().signer().endsWith("(carol@example.org)"), applied.commit().signer());
        assertEquals(7, replicas());

        // an RSA key (git signs with rsa-sha2-512)
        repo.edit("      replicas: 7\n", "      replicas: 8\n");
        String byDave = gitCommit("eight, signed by dave", dave);
        RunStatus rsa = loop.runOnce(Trigger.INTERVAL);
        assertEquals(Result.SUCCESS, rsa.result(), rsa.message());
        assertEquals(byDave, rsa.applied().sha());
        assertTrue(rsa.commit().signer().endsWith("(dave@example.org,ops@example.org)"), rsa.commit().signer());
        assertEquals(8, replicas());
    }

    @Test
    void aSignatureMovedOntoOtherContentIsRefused() throws Exception {
        Path alice = key("alice", "ed25519");
        Path allowed = Files.writeString(dir.resolve("allowed_signers"), signer("alice@example.org", "", alice));
        String signed = gitCommit("signed by alice", alice);
        ReconcileLoop loop = loop(TrustedKeys.load(List.of(allowed)));
        assertEquals(Result.SUCCESS, loop.runOnce(Trigger.STARTUP).result());

        // a commit of 9 replicas (unsigned, not pushed), whose tree is put into alice's signed commit
        repo.edit("      replicas: 4\n", "      replicas: 9\n");
        run(repo.work, List.of("git", "add", "-A"));
        run(repo.work, List.of("git", "-c", "user.name=M", "-c", "user.email=m@example.org", "commit", "-q", "--no-gpg-sign", "-m", "nine"));
        String nineTree = run(repo.work, List.of("git", "rev-parse", "HEAD^{tree}")).strip();
        String raw = run(repo.work, List.of("git", "cat-file", "commit", signed));
        String signedTree = run(repo.work, List.of("git", "rev-parse", signed + "^{tree}")).strip();
        String forged = raw.replace("tree " + signedTree + "\n", "tree " + nineTree + "\n");
        assertNotEquals(raw, forged);
        Path file = Files.writeString(dir.resolve("forged"), forged);
        String sha = run(repo.work, List.of("git", "hash-object", "-t", "commit", "-w", file.toString())).strip();
        run(repo.work, List.of("git", "push", "-q", "--force", "origin", sha + ":refs/heads/main"));
        assertTrue(!gitVerifies(sha, allowed), "git refuses it too");

        RunStatus run = loop.runOnce(Trigger.INTERVAL);
        assertEquals(Result.REJECTED, run.result());
        assertEquals(sha, run.commit().sha());
        assertTrue(run.commit().why().matches("the signature of SSH key SHA256:\\S+ does not match the commit"), run.commit().why());
        assertEquals(signed, run.applied().sha());
        assertEquals(4, replicas());
    }

    @Test
    void aKeyOutsideItsNamespaceOrValidityIsRefusedSayingWhich() throws Exception {
        Path alice = key("alice", "ed25519");
        Path bob = key("bob", "ed25519");
        Path allowed = Files.writeString(dir.resolve("allowed_signers"),
                signer("alice@example.org", "namespaces=\"file\"", alice) + signer("bob@example.org", "valid-before=20200101Z", bob));
        TrustedKeys trusted = TrustedKeys.load(List.of(allowed));
        ReconcileLoop loop = loop(trusted);
        gitCommit("alice, namespace file only", alice);
        RunStatus ns = loop.runOnce(Trigger.STARTUP);
        assertEquals(Result.REJECTED, ns.result());
        assertTrue(ns.commit().why().contains("may sign only in namespaces file (" + allowed + ":1), not 'git'"), ns.commit().why());
        gitCommit("bob, expired", bob);
        RunStatus expired = loop.runOnce(Trigger.INTERVAL);
        assertEquals(Result.REJECTED, expired.result());
        assertTrue(expired.commit().why().contains("is trusted only before 2020-01-01T00:00:00Z (" + allowed + ":2)"), expired.commit().why());
    }

    @Test
    void anSshKeyedFileAndAnOpenPgpOneAreToldApartAndEachKindNeedsItsOwn() throws Exception {
        Path alice = key("alice", "ed25519");
        Path allowed = Files.writeString(dir.resolve("allowed_signers"), signer("alice@example.org", "", alice));
        Path pgp = Files.write(dir.resolve("keys.asc"), repo.publicKeyArmored());
        assertEquals(TrustedKeys.Kind.ALLOWED_SIGNERS, TrustedKeys.kind(Files.readAllBytes(allowed)));
        assertEquals(TrustedKeys.Kind.OPENPGP, TrustedKeys.kind(Files.readAllBytes(pgp)));
        org.bouncycastle.openpgp.PGPPublicKeyRing ring = new org.bouncycastle.openpgp.PGPPublicKeyRing(
                org.bouncycastle.openpgp.PGPUtil.getDecoderStream(new java.io.ByteArrayInputStream(repo.publicKeyArmored())),
                new org.bouncycastle.openpgp.operator.jcajce.JcaKeyFingerprintCalculator());
        byte[] binary = ring.getEncoded();
        assertEquals(TrustedKeys.Kind.OPENPGP, TrustedKeys.kind(binary), "binary, as gpg --export writes it");
        byte[] bom = ("\uFEFF" + Files.readString(allowed)).getBytes(StandardCharsets.UTF_8);
        assertEquals(TrustedKeys.Kind.ALLOWED_SIGNERS, TrustedKeys.kind(bom), "a text file with a byte-order mark");
        assertEquals(1, AllowedSigners.read(Files.write(dir.resolve("bom"), bom)).entries().size());

        // only OpenPGP keys: an SSH-signed commit is refused, saying what is missing
        gitCommit("signed by alice", alice);
        RunStatus sshOnly = loop(TrustedKeys.load(List.of(pgp))).runOnce(Trigger.STARTUP);
        assertEquals(Result.REJECTED, sshOnly.result());
        assertEquals("signed with an SSH key, but --trusted-keys has no allowed-signers file", sshOnly.commit().why());

        // both files: the SSH commit, then an OpenPGP-signed one on top, are each applied
        ReconcileLoop both = loop(TrustedKeys.load(List.of(pgp, allowed)));
        assertEquals(Result.SUCCESS, both.runOnce(Trigger.STARTUP).result());
        repo.edit("      replicas: 4\n", "      replicas: 5\n");
        var pgpSigned = repo.commitSignedAndPush("five, OpenPGP");
        RunStatus second = both.runOnce(Trigger.INTERVAL);
        assertEquals(Result.SUCCESS, second.result(), second.message());
        assertEquals(pgpSigned.name(), second.applied().sha());
        assertEquals(5, replicas());
    }

    @Test
    void aMalformedAllowedSignersLineIsReportedAtItsLineAndColumn() throws Exception {
        Path alice = key("alice", "ed25519");
        String good = signer("alice@example.org", "", alice);
        String[] pub = Files.readString(Path.of(alice + ".pub")).strip().split(" ");
        Map<String, String> cases = Map.of(
                pub[0] + " " + pub[1] + "\n", ":1:1: the line starts with a key type",
                "alice@example.org namespaces=\"git\" ssh-ed25519 AAAAnotbase64!!\n", ":1:36: not a public key of type ssh-ed25519",
                "alice@example.org namespaces=\"git\",valid-after=2024 " + pub[0] + " " + pub[1] + "\n", ":1:36: '2024' is not a time",
                "# ok\n" + good + "bob@example.org cert-authority " + pub[0] + " " + pub[1] + "\n", ":3:17: cert-authority",
                "alice@example.org namespaces=\"git " + pub[0] + " " + pub[1] + "\n", ":1:30: unterminated double quote",
                "alice@example.org color=blue " + pub[0] + " " + pub[1] + "\n", ":1:19: unknown option 'color'",
                "# nothing\n\n", ":1:1: no allowed signer in it");
        for (var c : cases.entrySet()) {
            Path f = Files.writeString(dir.resolve("bad"), c.getKey());
            AllowedSigners.Malformed e = assertThrows(AllowedSigners.Malformed.class, () -> TrustedKeys.load(List.of(f)), c.getKey());
            assertTrue(e.getMessage().startsWith(f + c.getValue()), e.getMessage() + " for " + c.getKey());
            assertTrue(!e.hint().isBlank());
        }
        // a local time is read in the local zone, Z in UTC
        AllowedSigners.Entry e = AllowedSigners.parse(dir, 1, "a@b valid-after=202601021530,valid-before=\"20270101Z\" " + pub[0] + " " + pub[1],
                ZoneOffset.ofHours(2));
        assertEquals("2026-01-02T13:30:00Z", e.validAfter().toString());
        assertEquals("2027-01-01T00:00:00Z", e.validBefore().toString());
        assertEquals(null, e.namespaces());
        assertTrue(AllowedSigners.matchesAny(List.of("g*", "!gi"), "git"));
        assertTrue(!AllowedSigners.matchesAny(List.of("*", "!git"), "git"));
    }

    record Exec(int exit, String out) {
    }

    static String run(Path cwd, List<String> cmd) throws Exception {
        Exec e = exec(cwd, cmd);
        if (e.exit() != 0) throw new AssertionError(String.join(" ", cmd) + " exited " + e.exit() + ": " + e.out());
        return e.out();
    }

    static Exec exec(Path cwd, List<String> cmd) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(cwd.toFile()).redirectErrorStream(true);
        // the user's git configuration plays no part
        pb.environment().put("GIT_CONFIG_GLOBAL", "/dev/null");
        pb.environment().put("GIT_CONFIG_NOSYSTEM", "1");
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", cmd) + " did not finish");
        }
        return new Exec(p.exitValue(), out);
    }
}
