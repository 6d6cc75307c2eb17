package dev.fleetform.reconciler.host.vm;

import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A libvirt domain definition, and the one rule that says whether the live one
 * ({@code virsh dumpxml --inactive}) is the compiled one. libvirt fills in what a definition
 * leaves to it, so the bytes never match; the rule is:
 * <ul>
 *   <li>every element, attribute and (non-blank) text the compiled XML sets is in the live XML with
 *       the same value, its elements in the same order among their siblings;</li>
 *   <li>the live XML may hold more only where libvirt adds it: the elements of {@link #ADDED}
 *       ({@code emulator}, {@code controller}, {@code address}, {@code alias}, the implicit PS/2
 *       {@code input}s, {@code audio type='none'}, the {@code target} of a serial or console and
 *       its {@code model}, a {@code cpu} the template leaves out, {@code resource},
 *       {@code seclabel}) and the attributes of {@link #ADDED_ATTRIBUTES} ({@code migratable} of a
 *       {@code cpu}); no other element and no other attribute;</li>
 *   <li>the one value libvirt rewrites: a machine type is expanded to its versioned name
 *       ({@code q35} is {@code pc-q35-7.2}).</li>
 * </ul>
 * Anything else (a device added by hand, a changed cache mode, an extra attribute) is a
 * difference. Blank text (indentation) and namespace declarations are not compared.
 */
public final class DomainXml {
    /** {@code parent/child} elements libvirt adds to a definition ({@code * /x}: under any parent). */
    static final Set<String> ADDED = Set.of("devices/emulator", "devices/controller", "*/address", "*/alias", "devices/input",
            "devices/audio", "serial/target", "console/target", "target/model", "domain/cpu", "domain/resource", "domain/seclabel");

    /** {@code element@attribute}s libvirt adds with their default: a host-passthrough CPU gets {@code migratable='on'} (libvirt 9.0). */
    static final Set<String> ADDED_ATTRIBUTES = Set.of("cpu@migratable");

    private final Element root;

    private DomainXml(Element root) {
        this.root = root;
    }

    /** @throws IllegalArgumentException when {@code xml} is not well-formed (or declares a DTD) */
    public static DomainXml parse(String xml) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setExpandEntityReferences(false);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(null);
            Document d = b.parse(new InputSource(new StringReader(xml)));
            return new DomainXml(d.getDocumentElement());
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw new IllegalArgumentException("not a domain definition: " + e.getMessage(), e);
        }
    }

    /** Whether this live definition is {@code compiled}, by the rule above. */
    public boolean matches(DomainXml compiled) {
        return element(compiled.root, root);
    }

    /** The {@code <vcpu>} count, or -1. */
    public int vcpus() {
        Element v = child(root, "vcpu");
        try {
            return v == null ? -1 : Integer.parseInt(v.getTextContent().strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** {@code <memory>} in GiB: a whole number when it is one, else the exact fraction. */
    public Number memoryGiB() {
        Element m = child(root, "memory");
        if (m == null) return -1;
        long kib;
        try {
            kib = Long.parseLong(m.getTextContent().strip());
        } catch (NumberFormatException e) {
            return -1;
        }
        String unit = m.getAttribute("unit");
        long bytes = switch (unit.isEmpty() ? "KiB" : unit) {
            case "b", "bytes" -> kib;
            case "KiB", "k" -> kib * 1024;
            case "MiB", "M" -> kib * 1024 * 1024;
            case "GiB", "G" -> kib * 1024 * 1024 * 1024;
            default -> -1;
        };
        long gib = 1024L * 1024 * 1024;
        if (bytes % gib == 0) return (int) (bytes / gib);
        return bytes / (double) gib;
    }

    /** The bridge of the first bridged interface, or null. */
    public String bridge() {
        Element devices = child(root, "devices");
        if (devices == null) return null;
        for (Element i : children(devices)) {
            if (i.getLocalName().equals("interface") && i.getAttribute("type").equals("bridge")) {
                Element s = child(i, "source");
                return s == null ? null : s.getAttribute("bridge");
            }
        }
        return null;
    }

    /** The {@code address} attribute of Fleetform's metadata element, or null. */
    public String metadataAddress() {
        Element md = child(root, "metadata");
        if (md == null) return null;
        for (Element e : children(md)) {
            if (e.getLocalName().equals("vm") && e.hasAttribute("address")) return e.getAttribute("address");
        }
        return null;
    }

    /** Fleetform's mark on a domain it defined: the fleet and host its metadata element names. */
    public record Mark(String fleet, String host) {
    }

    /** The {@code <fleetform:vm>} element of {@code <metadata>} in Fleetform's namespace, or null: a domain without it is not Fleetform's. */
    public Mark mark() {
        Element md = child(root, "metadata");
        if (md == null) return null;
        for (Element e : children(md)) {
            if (e.getLocalName().equals("vm") && dev.fleetform.reconciler.host.probe.ProbeScript.MARK.equals(e.getNamespaceURI())) {
                return new Mark(e.getAttribute("fleet"), e.getAttribute("host"));
            }
        }
        return null;
    }

    /** The source file of each disk, by its target device ({@code vda}). */
    public java.util.Map<String, String> diskFiles() {
        java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
        Element devices = child(root, "devices");
        if (devices == null) return out;
        for (Element d : children(devices)) {
            if (!d.getLocalName().equals("disk")) continue;
            Element t = child(d, "target"), s = child(d, "source");
            if (t != null) out.put(t.getAttribute("dev"), s == null ? "" : s.getAttribute("file"));
        }
        return out;
    }

    /** The {@code uuid} of each vGPU in Fleetform's metadata element, in order (the compiled mdev UUIDs). */
    public List<String> vgpuUuids() {
        List<String> out = new ArrayList<>();
        Element md = child(root, "metadata");
        if (md == null) return out;
        for (Element vm : children(md)) {
            if (!vm.getLocalName().equals("vm")) continue;
            for (Element g : children(vm)) if (g.getLocalName().equals("vgpu")) out.add(g.getAttribute("uuid"));
        }
        return out;
    }

    private static boolean element(Element want, Element live) {
        if (!name(want).equals(name(live))) return false;
        if (!attributes(want, live)) return false;
        String text = ownText(want);
        if (!text.isEmpty() && !text.equals(ownText(live))) return false;
        List<Element> w = children(want), l = children(live);
        int i = 0;
        for (Element lc : l) {
            if (i < w.size() && element(w.get(i), lc)) {
                i++;
            } else if (!added(live, lc)) {
                return false;
            }
        }
        return i == w.size();
    }

    private static boolean attributes(Element want, Element live) {
        NamedNodeMap wa = want.getAttributes(), la = live.getAttributes();
        for (int i = 0; i < la.getLength(); i++) {
            Attr a = (Attr) la.item(i);
            if (namespaceDeclaration(a)) continue;
            Attr w = (Attr) wa.getNamedItemNS(a.getNamespaceURI(), a.getLocalName());
            if (w == null) {
                if (ADDED_ATTRIBUTES.contains(live.getLocalName() + "@" + a.getLocalName())) continue;
                return false; // an attribute libvirt does not add
            }
            if (!w.getValue().equals(a.getValue()) && !machine(live, a, w.getValue())) return false;
        }
        for (int i = 0; i < wa.getLength(); i++) {
            Attr w = (Attr) wa.item(i);
            if (!namespaceDeclaration(w) && la.getNamedItemNS(w.getNamespaceURI(), w.getLocalName()) == null) return false;
        }
        return true;
    }

    /** {@code <type machine='q35'>} as libvirt expands it: {@code pc-q35-7.2}. */
    private static boolean machine(Element live, Attr a, String wanted) {
        return live.getLocalName().equals("type") && a.getLocalName().equals("machine")
                && a.getValue().matches("pc-" + java.util.regex.Pattern.quote(wanted) + "-[0-9.]+");
    }

    private static boolean added(Element parent, Element child) {
        String c = child.getLocalName();
        if (!ADDED.contains(parent.getLocalName() + "/" + c) && !ADDED.contains("*/" + c)) return false;
        // only the implicit inputs and the "no audio" libvirt adds
        if (c.equals("input")) return child.getAttribute("bus").equals("ps2") && Set.of("mouse", "keyboard").contains(child.getAttribute("type"));
        if (c.equals("audio")) return child.getAttribute("type").equals("none");
        return true;
    }

    private static boolean namespaceDeclaration(Attr a) {
        return XMLConstants.XMLNS_ATTRIBUTE_NS_URI.equals(a.getNamespaceURI());
    }

    private static String name(Element e) {
        return (e.getNamespaceURI() == null ? "" : "{" + e.getNamespaceURI() + "}") + e.getLocalName();
    }

    private static String ownText(Element e) {
        StringBuilder b = new StringBuilder();
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n.getNodeType() == Node.TEXT_NODE || n.getNodeType() == Node.CDATA_SECTION_NODE) b.append(n.getNodeValue());
        }
        return b.toString().strip();
    }

    private static List<Element> children(Element e) {
        List<Element> out = new ArrayList<>();
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) if (n instanceof Element c) out.add(c);
        return out;
    }

    private static Element child(Element e, String name) {
        for (Element c : children(e)) if (c.getLocalName().equals(name)) return c;
        return null;
    }
}
