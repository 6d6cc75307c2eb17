package dev.fleetform.changes.render;

import java.util.List;

/** "3 hosts: a, b, c" or "100 hosts: a, b, … and 92 more". */
final class Reaches {
    private Reaches() {
    }

    static String text(List<String> hosts, int max) {
        StringBuilder sb = new StringBuilder().append(hosts.size()).append(hosts.size() == 1 ? " host: " : " hosts: ");
        for (int i = 0; i < hosts.size() && i < max; i++) sb.append(i > 0 ? ", " : "").append(hosts.get(i));
        if (hosts.size() > max) sb.append(", … and ").append(hosts.size() - max).append(" more");
        return sb.toString();
    }
}
