package dev.fleetform.cli;

import dev.fleetform.reconciler.host.lab.Lab;
import dev.fleetform.reconciler.host.lab.LabExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code fleetform reconcile --templates DIR} renders the VM domain XML from the templates in the
 * fleet repository, at the commit it applies: the lab's VM is defined from the lab's TCG template
 * ({@code <domain type='qemu'>}), not the built-in KVM one.
 */
@ExtendWith(LabExtension.class)
class ReconcileTemplatesLabTest {
    private static final String VM = "lab-01-vm1";

    @TempDir
    Path dir;

    @Test
    void theLoopDefinesTheVmFromTheRepositorysTemplatesAndNamesAFolderThatIsNotThere(Lab lab) throws Exception {
        Path repo = dir.resolve("fleet");
        Files.createDirectories(repo.resolve("templates/libvirt"));
        Files.copy(lab.templates().resolve("libvirt/domain.xml.ftlx"), repo.resolve("templates/libvirt/domain.xml.ftlx"));
        LabRepos.ofLab(lab, repo); // with its TCG domain template
        Lab.Host one = lab.host(Lab.LIBVIRT_HOST);
        String remove = "virsh -q destroy " + VM + " 2>/dev/null; virsh -q undefine " + VM + " 2>/dev/null; true";
        lab.inHost(one, remove);
        try {
            defineAndMiss(lab, one, repo);
        } finally {
            lab.inHost(one, remove); // the lab as it was: other tests' fleets on lab-01 declare no VM
        }
    }

    private void defineAndMiss(Lab lab, Lab.Host one, Path repo) {
        assertEquals(1, lab.inHost(one, "virsh -q dominfo " + VM + " >/dev/null 2>&1").exit(), "the VM is not defined before the run");

        Cli run = Cli.run("reconcile", "--once", "--target", "host/" + one.name(), "--repo", repo.toString(),
                "--cache-dir", dir.resolve("cache").toString(), "--templates", "templates");
        assertEquals(0, run.exit(), run.out() + run.err());
        assertTrue(run.out().startsWith("success: commit "), run.out());
        Lab.Result xml = lab.inHost(one, "virsh dumpxml --inactive " + VM);
        assertEquals(0, xml.exit(), xml.out());
        assertTrue(xml.out().startsWith("<domain type='qemu'>"), "defined from the repository's template: " + xml.out());
        assertTrue(lab.inHost(one, "virsh domstate " + VM).out().contains("running"));

        Cli missing = Cli.run("reconcile", "--once", "--target", "host/" + one.name(), "--repo", repo.toString(),
                "--cache-dir", dir.resolve("cache").toString(), "--templates", "no-such-dir");
        assertEquals(4, missing.exit(), missing.out() + missing.err());
        assertTrue(missing.out().startsWith("failed: ") && missing.out().contains("no-such-dir"), missing.out());
    }
}
