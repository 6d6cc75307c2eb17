package dev.fleetform.reconciler.host.storage;

import dev.fleetform.reconciler.host.probe.ProbeReport;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ARRAY lines of mdadm.conf, which the initramfs and boot assemble arrays by: one per array
 * Fleetform made, by UUID, in the form {@code mdadm --detail --scan} prints
 * ({@code ARRAY /dev/md/md0 metadata=1.2 spares=1 name=host:md0 UUID=…}), built from the array's
 * {@code mdadm --detail --export}. Every other line of the file is kept byte for byte.
 */
public final class MdadmConf {
    /** Debian's and Ubuntu's. */
    public static final String DEBIAN = dev.fleetform.reconciler.host.probe.HostFiles.MDADM_CONF_DEBIAN;
    /** RHEL's, SUSE's and the mdadm default. */
    public static final String OTHER = dev.fleetform.reconciler.host.probe.HostFiles.MDADM_CONF_OTHER;

    private static final Pattern UUID = Pattern.compile("[0-9a-fA-F]{8}(:[0-9a-fA-F]{8}){3}");
    private static final Pattern UUID_WORD = Pattern.compile("(?i)(?:^|\\s)uuid=([0-9a-f:]+)");

    private MdadmConf() {
    }

    /** The file a host's ARRAY lines go to: /etc/mdadm.conf where only it exists, else /etc/mdadm/mdadm.conf. */
    public static String path(ProbeReport probe) {
        return probe.file(OTHER).isPresent() && probe.file(DEBIAN).isEmpty() ? OTHER : DEBIAN;
    }

    /**
     * The {@code --detail --scan} line of the array at {@code device}. Its values are mdadm's
     * (untrusted): a UUID that is not one, or a metadata version that is not a number, is refused;
     * a name with blanks or quotes is left out (the UUID is what assembles the array).
     *
     * @throws IllegalArgumentException when the detail has no usable UUID or metadata (not an array Fleetform made)
     */
    public static String arrayLine(String device, MdDetail md) {
        if (md.uuid() == null || !UUID.matcher(md.uuid()).matches()) throw new IllegalArgumentException("mdadm gave " + device + " no UUID");
        if (md.metadata() == null || !md.metadata().matches("[0-9]{1,2}(\\.[0-9]{1,2})?")) {
            throw new IllegalArgumentException(device + " has no md metadata version (an external container's array?)");
        }
        StringBuilder b = new StringBuilder("ARRAY ").append(device).append(" metadata=").append(md.metadata());
        if (!md.spares().isEmpty()) b.append(" spares=").append(md.spares().size());
        if (md.name() != null && md.name().matches("[^\\s\"'#\\x00-\\x1f]{1,64}")) b.append(" name=").append(md.name());
        return b.append(" UUID=").append(md.uuid().toLowerCase(Locale.ROOT)).toString();
    }

    /** The ARRAY line (with its continuation lines) that names {@code uuid} in {@code conf}, whitespace as it is; null when there is none. */
    public static String lineFor(byte[] conf, String uuid) {
        String[] lines = text(conf).split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (!isArray(lines[i])) continue;
            StringBuilder entry = new StringBuilder(lines[i]);
            for (int j = i + 1; j < lines.length && continuation(lines[j]); j++) entry.append('\n').append(lines[j]);
            if (names(entry.toString(), uuid)) return entry.toString();
        }
        return null;
    }

    /**
     * {@code conf} with {@code line} as the entry of the array {@code uuid} at {@code device}:
     * in place of the ARRAY entry that names that UUID or that device, else appended; every other
     * line byte for byte.
     */
    public static byte[] with(byte[] conf, String device, String uuid, String line) {
        String[] lines = text(conf).split("\n", -1);
        StringBuilder out = new StringBuilder();
        boolean placed = false;
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i];
            if (i == lines.length - 1 && l.isEmpty()) break; // the text after the last line break
            if (isArray(l)) {
                StringBuilder entry = new StringBuilder(l);
                int j = i + 1;
                for (; j < lines.length && continuation(lines[j]) && !(j == lines.length - 1 && lines[j].isEmpty()); j++) entry.append('\n').append(lines[j]);
                String[] words = l.strip().split("\\s+");
                if (names(entry.toString(), uuid) || (words.length > 1 && words[1].equals(device))) {
                    if (!placed) out.append(line).append('\n');
                    placed = true;
                    i = j - 1;
                    continue;
                }
            }
            out.append(l).append('\n');
        }
        if (!placed) out.append(line).append('\n');
        return out.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private static boolean isArray(String line) {
        String t = line.stripLeading();
        return line.equals(t) && t.regionMatches(true, 0, "ARRAY", 0, 5) && (t.length() == 5 || Character.isWhitespace(t.charAt(5)));
    }

    private static boolean continuation(String line) {
        return !line.isEmpty() && (line.charAt(0) == ' ' || line.charAt(0) == '\t');
    }

    private static boolean names(String entry, String uuid) {
        Matcher m = UUID_WORD.matcher(entry);
        while (m.find()) if (m.group(1).equalsIgnoreCase(uuid)) return true;
        return false;
    }

    /** Bytes as chars one for one: lines of other tools stay byte-exact whatever their encoding. */
    private static String text(byte[] conf) {
        return new String(conf, StandardCharsets.ISO_8859_1);
    }
}
