package dev.fleetform.reconciler.loop;

import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.bouncycastle.bcpg.BCPGOutputStream;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyAlgorithmTags;
import org.bouncycastle.openpgp.PGPKeyPair;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureGenerator;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPContentSignerBuilder;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPKeyPair;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.GpgSignature;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.transport.RefSpec;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.util.Date;
import java.util.stream.Stream;

/**
 * The example fleet in a bare repository on disk (what the loop fetches) and a work tree that
 * pushes to it, as a person editing the fleet would. Commits can be signed with a generated
 * OpenPGP key, exactly as git signs: the signature covers the commit without its gpgsig header.
 */
final class FleetRepo implements AutoCloseable {
    static final Path EXAMPLE = Path.of("../fleet-repo-example");

    final Path root;
    final Path bare;
    final Path work;
    final Git git;
    private PGPKeyPair key;

    FleetRepo() throws Exception {
        root = Files.createTempDirectory("ff-loop");
        bare = root.resolve("fleet.git");
        work = root.resolve("work");
        Git.init().setBare(true).setDirectory(bare.toFile()).setInitialBranch("main").call().close();
        git = Git.init().setDirectory(work.toFile()).setInitialBranch("main").call();
        copy(EXAMPLE.resolve("fleet.yaml"), work.resolve("fleet.yaml"));
        copy(EXAMPLE.resolve("known_hosts"), work.resolve("known_hosts"));
        try (Stream<Path> hosts = Files.list(EXAMPLE.resolve("hosts"))) {
            for (Path h : hosts.toList()) copy(h, work.resolve("hosts").resolve(h.getFileName().toString()));
        }
        git.remoteAdd().setName("origin").setUri(new org.eclipse.jgit.transport.URIish(bare.toUri().toString())).call();
        commitAndPush("the example fleet");
    }

    String url() {
        return bare.toUri().toString();
    }

    /** Replaces text in fleet.yaml. */
    FleetRepo edit(String from, String to) throws IOException {
        Path f = work.resolve("fleet.yaml");
        String s = Files.readString(f);
        if (!s.contains(from)) throw new IllegalArgumentException("fleet.yaml has no " + from);
        Files.writeString(f, s.replace(from, to));
        return this;
    }

    FleetRepo write(String path, String text) throws IOException {
        Files.writeString(work.resolve(path), text);
        return this;
    }

    /** An unsigned commit of the work tree, pushed to main. */
    RevCommit commitAndPush(String message) throws Exception {
        git.add().addFilepattern(".").call();
        RevCommit c = git.commit().setMessage(message).setAuthor("Alice", "alice@example.org").setSign(false).call();
        push();
        return c;
    }

    /** A commit signed with {@link #publicKeyArmored()}'s key, pushed to main. */
    RevCommit commitSignedAndPush(String message) throws Exception {
        git.add().addFilepattern(".").call();
        var repo = git.getRepository();
        ObjectId tree;
        try (ObjectInserter ins = repo.newObjectInserter()) {
            tree = repo.readDirCache().writeTree(ins);
            PersonIdent who = new PersonIdent("Alice", "alice@example.org");
            CommitBuilder cb = new CommitBuilder();
            cb.setTreeId(tree);
            cb.setParentId(repo.resolve("HEAD"));
            cb.setAuthor(who);
            cb.setCommitter(who);
            cb.setMessage(message + "\n");
            cb.setGpgSignature(new GpgSignature(sign(cb.build())));
            ObjectId id = ins.insert(cb);
            ins.flush();
            RefUpdate u = repo.updateRef(Constants.HEAD);
            u.setNewObjectId(id);
            u.forceUpdate();
            push();
            try (var walk = new org.eclipse.jgit.revwalk.RevWalk(repo)) {
                return walk.parseCommit(id);
            }
        }
    }

    private void push() throws Exception {
        git.push().setRemote("origin").setRefSpecs(new RefSpec("+HEAD:refs/heads/main")).call();
    }

    /** The signing key's public half, armored, as {@code gpg --export --armor} writes it. */
    byte[] publicKeyArmored() throws Exception {
        PGPPublicKey pub = key().getPublicKey();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ArmoredOutputStream armor = new ArmoredOutputStream(out)) {
            pub.encode(armor);
        }
        return out.toByteArray();
    }

    private PGPKeyPair key() throws Exception {
        if (key == null) {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new java.security.spec.ECGenParameterSpec("secp256r1"));
            key = new JcaPGPKeyPair(PublicKeyAlgorithmTags.ECDSA, g.generateKeyPair(), new Date());
        }
        return key;
    }

    private byte[] sign(byte[] payload) throws Exception {
        PGPSignatureGenerator gen = new PGPSignatureGenerator(
                new JcaPGPContentSignerBuilder(PublicKeyAlgorithmTags.ECDSA, HashAlgorithmTags.SHA256));
        gen.init(PGPSignature.BINARY_DOCUMENT, key().getPrivateKey());
        gen.update(payload);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ArmoredOutputStream armor = new ArmoredOutputStream(out); OutputStream bc = new BCPGOutputStream(armor)) {
            gen.generate().encode(bc);
        }
        return out.toByteArray();
    }

    private static void copy(Path from, Path to) {
        try {
            Files.createDirectories(to.getParent());
            Files.copy(from, to);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        git.close();
    }
}
