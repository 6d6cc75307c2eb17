package dev.fleetform.compiler.emit.libvirt;

import dev.fleetform.compiler.Validation;
import dev.fleetform.compiler.emit.Artefact;
import dev.fleetform.compiler.emit.Compiled;
import dev.fleetform.compiler.emit.EmitContext;
import dev.fleetform.compiler.emit.ExternalTool;
import dev.fleetform.compiler.emit.Templates;
import dev.fleetform.compiler.testing.Fleets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LibvirtEmitterTest {

    @TempDir
    Path tmp;

    private static Document xml(Artefact a) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(a.bytes()));
    }

    private static String text(Document d, String tag) {
        return d.getElementsByTagName(tag).item(0).getTextContent();
    }

    @Test
    void everyDomainValidatesAgainstLibvirtsSchema() {
        List<Artefact> out = Compiled.emit(new LibvirtEmitter(), Fleets.SAMPLE);
        assertEquals(List.of("libvirt/gpu-01/gpu-01-vm1.xml"), out.stream().map(Artefact::path).toList());
        ExternalTool.write(tmp, out);
        for (Artefact a : out) ExternalTool.ok(tmp, "virt-xml-validate", a.path(), "domain");
    }

    @Test
    void domainCarriesSizesDiskNicAndOneMdevPerVgpu() throws Exception {
        Document d = xml(Compiled.emit(new LibvirtEmitter(), Fleets.SAMPLE).get(0));
        assertEquals("gpu-01-vm1", text(d, "name"));
        assertEquals("16", text(d, "vcpu"));
        assertEquals(Long.toString(64L * 1024 * 1024), text(d, "memory"));
        Element disk = (Element) d.getElementsByTagName("disk").item(0);
        assertEquals("/var/lib/libvirt/images/gpu-01-vm1-0.qcow2",
                ((Element) disk.getElementsByTagName("source").item(0)).getAttribute("file"));
        Element nic = (Element) d.getElementsByTagName("interface").item(0);
        assertEquals("br0", ((Element) nic.getElementsByTagName("source").item(0)).getAttribute("bridge"));
        assertEquals(1, d.getElementsByTagName("hostdev").getLength());
        Element hostdev = (Element) d.getElementsByTagName("hostdev").item(0);
        assertEquals("mdev", hostdev.getAttribute("type"));
        String uuid = ((Element) hostdev.getElementsByTagName("address").item(0)).getAttribute("uuid");
        assertEquals(LibvirtEmitter.mdevUuid("sample", "gpu-01", "gpu-01-vm1", 0), uuid);
        Element vgpu = (Element) d.getElementsByTagNameNS("https://fleetform.dev/xmlns/libvirt/1", "vgpu").item(0);
        assertEquals("A100-10C", vgpu.getAttribute("profile"));
        assertEquals("0000:3b:00.0", vgpu.getAttribute("pci"));
        assertEquals(uuid, vgpu.getAttribute("uuid"));
    }

    @Test
    void mdevUuidsAreStableAcrossCompilesAndDistinctPerVgpu() {
        assertEquals(LibvirtEmitter.mdevUuid("f", "h", "vm", 0), LibvirtEmitter.mdevUuid("f", "h", "vm", 0));
        assertNotEquals(LibvirtEmitter.mdevUuid("f", "h", "vm", 0), LibvirtEmitter.mdevUuid("f", "h", "vm", 1));
        assertNotEquals(LibvirtEmitter.mdevUuid("f", "h", "vm", 0), LibvirtEmitter.mdevUuid("f", "h2", "vm", 0));
        assertEquals(Compiled.emit(new LibvirtEmitter(), Fleets.SAMPLE).get(0).text(),
                Compiled.emit(new LibvirtEmitter(), Fleets.SAMPLE).get(0).text());
    }

    @Test
    void diskTargetsFollowTheGuestKernelsNaming() {
        assertEquals("vda", LibvirtEmitter.diskTarget(0));
        assertEquals("vdz", LibvirtEmitter.diskTarget(25));
        assertEquals("vdaa", LibvirtEmitter.diskTarget(26));
    }

    @Test
    void aFleetReposTemplateShadowsTheBuiltInOne() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("templates/libvirt"));
        Files.writeString(dir.resolve("domain.xml.ftlx"), "<domain type='kvm'><name>${vm.name}</name><!-- ours --></domain>\n");
        Validation v = Fleets.validate(Fleets.SAMPLE);
        List<Artefact> out = new LibvirtEmitter().emit(v.fleet(), v.index(), new EmitContext(Templates.withOverrides(tmp.resolve("templates"))));
        assertEquals("<domain type='kvm'><name>gpu-01-vm1</name><!-- ours --></domain>\n", out.get(0).text());
    }

    @Test
    void templateValuesAreXmlEscaped() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("t/libvirt"));
        // a user template printing a value that holds markup: .ftlx escapes it
        Files.writeString(dir.resolve("domain.xml.ftlx"), "<domain><description>${fleet + \"<&>'\\\"\"}</description></domain>\n");
        Validation v = Fleets.validate(Fleets.SAMPLE);
        String xml = new LibvirtEmitter().emit(v.fleet(), v.index(), new EmitContext(Templates.withOverrides(tmp.resolve("t"))))
                .get(0).text();
        assertTrue(xml.contains("sample&lt;&amp;&gt;&apos;&quot;"), xml);
    }
}
