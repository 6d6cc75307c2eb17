package dev.fleetform.reconciler.host.storage;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code mdadm --detail --export /dev/md/<name>}: {@code KEY=value} lines. Members come as
 * {@code MD_DEVICE_<mangled>_ROLE} / {@code MD_DEVICE_<mangled>_DEV} pairs whose mangled key is
 * not to be trusted (mdadm 4.1 prints {@code MD_DEVICE_ev_sda_...} for {@code /dev/sda} in a
 * container): pairs are matched by their key, the device taken from {@code _DEV}. An inactive
 * array has no {@code MD_LEVEL} and every member a spare. Every value is untrusted input.
 *
 * @param level    the RAID level number ({@code raid5} → 5), or null when mdadm names none (inactive) or another
 * @param levelName mdadm's word for it ({@code raid5}, {@code linear}), or null
 * @param members  active members by role (slot), in slot order
 * @param spares   spare members
 * @param faulty   faulty members
 */
public record MdDetail(Integer level, String levelName, int raidDevices, String metadata, String uuid, String name,
                       List<String> members, List<String> spares, List<String> faulty) {

    public static MdDetail parse(String text) {
        Map<String, String> kv = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            int eq = line.indexOf('=');
            if (eq <= 0 || !line.startsWith("MD_")) continue;
            kv.putIfAbsent(line.substring(0, eq), line.substring(eq + 1).strip());
        }
        if (kv.isEmpty()) throw new IllegalArgumentException("mdadm printed no MD_ lines: " + firstLine(text));
        TreeMap<Integer, String> byRole = new TreeMap<>();
        List<String> spares = new ArrayList<>(), faulty = new ArrayList<>();
        for (Map.Entry<String, String> e : kv.entrySet()) {
            String k = e.getKey();
            if (!k.startsWith("MD_DEVICE_") || !k.endsWith("_ROLE")) continue;
            String dev = kv.get(k.substring(0, k.length() - "_ROLE".length()) + "_DEV");
            if (dev == null) continue;
            String role = e.getValue();
            if (role.equals("spare")) spares.add(dev);
            else if (role.equals("faulty")) faulty.add(dev);
            else if (role.matches("[0-9]{1,4}")) byRole.putIfAbsent(Integer.parseInt(role), dev);
            else faulty.add(dev); // a role mdadm may add later ("journal", "replacement"): not an active member
        }
        String levelName = kv.get("MD_LEVEL");
        return new MdDetail(level(levelName), levelName, number(kv.get("MD_DEVICES")), kv.get("MD_METADATA"), kv.get("MD_UUID"),
                kv.get("MD_NAME"), List.copyOf(byRole.values()), List.copyOf(spares), List.copyOf(faulty));
    }

    /** {@code raid0|1|4|5|6|10} → the number; anything else (linear, container, absent) → null. */
    static Integer level(String name) {
        if (name == null || !name.matches("raid(0|1|4|5|6|10)")) return null;
        return Integer.parseInt(name.substring(4));
    }

    private static int number(String s) {
        if (s == null || !s.matches("[0-9]{1,4}")) return 0;
        return Integer.parseInt(s);
    }

    /** Fewer active members than slots. */
    public boolean degraded() {
        return raidDevices > 0 && members.size() < raidDevices;
    }

    private static String firstLine(String s) {
        String t = s.strip();
        int nl = t.indexOf('\n');
        return nl < 0 ? t : t.substring(0, nl);
    }
}
