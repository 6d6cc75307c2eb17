package dev.fleetform.reconciler.host.vm;

import dev.fleetform.reconciler.host.ssh.ShellQuote;

import java.util.ArrayList;
import java.util.List;

/**
 * A mediated device (a vGPU) as the probe lists it from {@code /sys/bus/mdev/devices}: its UUID,
 * the PCI device it lives on, its type directory ({@code nvidia-471}) and the type's name
 * ({@code GRID A100-10C}), and the commands that create and remove one.
 *
 * @param typeName the type's {@code name} file, empty when it has none
 */
public record Mdev(String uuid, String parent, String type, String typeName) {

    /** The probe's lines: {@code uuid TAB parent TAB type TAB name}. */
    public static List<Mdev> parse(String text) {
        List<Mdev> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            String[] p = line.split("\t", -1);
            if (p.length == 4 && !p[0].isBlank()) out.add(new Mdev(p[0].strip(), p[1].strip(), p[2].strip(), p[3].strip()));
        }
        return out;
    }

    /** The vGPU profile this type is: NVIDIA names its types {@code GRID <profile>} (older drivers) or {@code NVIDIA <profile>}. */
    public String profile() {
        return profile(typeName.isEmpty() ? type : typeName);
    }

    static String profile(String name) {
        for (String prefix : List.of("GRID ", "NVIDIA ")) if (name.startsWith(prefix)) return name.substring(prefix.length());
        return name;
    }

    /**
     * Creates mdev {@code uuid} on the GPU at {@code pci} with the type whose name is {@code profile}
     * (as {@link #profile()} reads it): {@code echo UUID > /sys/class/mdev_bus/PCI/mdev_supported_types/TYPE/create}.
     * Exits 3 saying so when the GPU offers no such type, 4 when none is left
     * ({@code available_instances} 0).
     */
    public static String createCommand(String pci, String profile, String uuid) {
        String dir = "/sys/class/mdev_bus/" + ShellQuote.line("a GPU's PCI address", pci) + "/mdev_supported_types";
        return "for t in " + ShellQuote.quote(dir) + "/*; do [ -d \"$t\" ] || continue; n=$(cat \"$t/name\" 2>/dev/null || echo \"${t##*/}\"); "
                + "case \"$n\" in " + ShellQuote.quote(profile) + "|" + ShellQuote.quote("GRID " + profile) + "|" + ShellQuote.quote("NVIDIA " + profile)
                + ") if [ \"$(cat \"$t/available_instances\" 2>/dev/null || echo 1)\" = 0 ]; then echo \"no " + "instance of $n left on \"" + ShellQuote.quote(pci)
                + " >&2; exit 4; fi; echo " + ShellQuote.quote(uuid) + " >\"$t/create\"; exit $?;; esac; done; echo " + ShellQuote.quote("the GPU at " + pci
                + " offers no vGPU type " + profile + " (in " + dir + ")") + " >&2; exit 3";
    }

    /** Removes mdev {@code uuid}. */
    public static String removeCommand(String uuid) {
        return "echo 1 >" + ShellQuote.quote("/sys/bus/mdev/devices/" + ShellQuote.line("an mdev UUID", uuid) + "/remove");
    }
}
