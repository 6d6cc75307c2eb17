package dev.fleetform.reconciler.host.storage;

import dev.fleetform.reconciler.host.probe.ProbeReport;
import dev.fleetform.reconciler.host.ssh.ShellQuote;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The defrag timer of a filesystem ({@code defrag: daily|weekly|monthly}): a systemd timer and the
 * oneshot service it starts, which runs the storage plan's argv ({@code xfs_fsr -t 7200 MOUNTPOINT},
 * {@code e4defrag MOUNTPOINT}) at idle I/O priority. The units are Fleetform's own files in
 * {@value #DIR}; where PID 1 is systemd the timer is enabled and started, elsewhere they are only
 * written (and the outcome says so).
 */
public record DefragTimer(String filesystem, String mountpoint, String onCalendar, List<String> argv) {
    public static final String DIR = "/etc/systemd/system";
    /** What the probe lists: the units, and the timers enabled (their links in timers.target.wants). */
    public static final String UNITS_GLOB = DIR + "/fleetform-defrag-*";
    public static final String WANTS_GLOB = DIR + "/timers.target.wants/fleetform-defrag-*";

    public static String unit(String filesystem) {
        return "fleetform-defrag-" + filesystem;
    }

    public String timerPath() {
        return DIR + "/" + unit(filesystem) + ".timer";
    }

    public String servicePath() {
        return DIR + "/" + unit(filesystem) + ".service";
    }

    /**
     * The timer git declares for the filesystem resource {@code fs} mounted at {@code mountpoint}
     * (the storage plan's command), or null for {@code defrag: never}.
     */
    public static DefragTimer declared(String filesystem, Map<String, Object> fs, String mountpoint) {
        String calendar = String.valueOf(fs.get("defrag"));
        if (calendar.equals("never") || calendar.equals("null") || mountpoint == null) return null;
        dev.fleetform.compiler.model.FsType type;
        try {
            type = dev.fleetform.compiler.model.FsType.valueOf(String.valueOf(fs.get("type")).toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
        return new DefragTimer(filesystem, mountpoint, calendar, dev.fleetform.compiler.emit.storage.StoragePlan.defragArgv(type, mountpoint));
    }

    /** The storage plan's {@code defrag-timer} step of {@code filesystem} with its mount point; null when the plan has none. */
    @SuppressWarnings("unchecked")
    static DefragTimer of(Map<String, Object> step, String mountpoint) {
        if (step == null) return null;
        return new DefragTimer(String.valueOf(step.get("filesystem")), mountpoint, String.valueOf(step.get("onCalendar")), (List<String>) step.get("argv"));
    }

    public byte[] timer() {
        return ("# Written by Fleetform: defragments filesystem " + filesystem + " " + onCalendar + ".\n"
                + "[Unit]\nDescription=Fleetform: defragment " + filesystem + " " + onCalendar + "\n\n"
                + "[Timer]\nOnCalendar=" + onCalendar + "\nRandomizedDelaySec=1h\nPersistent=true\n\n"
                + "[Install]\nWantedBy=timers.target\n").getBytes(StandardCharsets.UTF_8);
    }

    public byte[] service() {
        StringBuilder exec = new StringBuilder();
        for (String a : argv) exec.append(exec.isEmpty() ? "" : " ").append(quote(a));
        return ("# Written by Fleetform: started by " + unit(filesystem) + ".timer.\n"
                + "[Unit]\nDescription=Fleetform: defragment " + filesystem + "\nRequiresMountsFor=" + quote(mountpoint) + "\n\n"
                + "[Service]\nType=oneshot\nNice=19\nIOSchedulingClass=idle\nExecStart=" + exec + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /**
     * A word of a unit file's command line or path list: in double quotes, {@code \} and {@code "}
     * escaped, {@code %} (a specifier) doubled and {@code $} (a variable) doubled, on one line.
     */
    static String quote(String word) {
        ShellQuote.line("a value in a systemd unit", word);
        return "\"" + word.replace("\\", "\\\\").replace("\"", "\\\"").replace("%", "%%").replace("$", "$$") + "\"";
    }

    /**
     * What the probe found of {@code filesystem}'s timer: the calendar it runs on when both units
     * are byte for byte what Fleetform writes for that calendar (and, under systemd, the timer is
     * enabled), {@code never} when there are none, else what differs.
     */
    public static String live(String filesystem, DefragTimer want, ProbeReport probe) {
        String timer = DIR + "/" + unit(filesystem) + ".timer", service = DIR + "/" + unit(filesystem) + ".service";
        List<String> units = probe.glob(UNITS_GLOB);
        boolean hasTimer = units.contains(timer), hasService = units.contains(service);
        if (!hasTimer && !hasService) return "never";
        if (want == null) return "a timer git does not declare (" + timer + ")";
        byte[] t = probe.file(timer).map(ProbeReport.FileState::bytes).orElse(null);
        byte[] s = probe.file(service).map(ProbeReport.FileState::bytes).orElse(null);
        String calendar = t == null ? null : onCalendar(new String(t, StandardCharsets.UTF_8));
        DefragTimer found = calendar == null ? null : new DefragTimer(filesystem, want.mountpoint(), calendar, want.argv());
        if (found == null || !Arrays.equals(t, found.timer()) || !Arrays.equals(s, found.service())) return "edited by hand (" + timer + ", " + service + ")";
        boolean enabled = probe.glob(WANTS_GLOB).contains(DIR + "/timers.target.wants/" + unit(filesystem) + ".timer");
        if (probe.systemd() && !enabled) return calendar + " (not enabled)";
        return calendar;
    }

    private static String onCalendar(String timer) {
        for (String line : timer.split("\n")) if (line.startsWith("OnCalendar=")) return line.substring("OnCalendar=".length());
        return null;
    }

    /** Enables and starts the timer (its units written), reloading systemd first. */
    public String enableScript() {
        return "systemctl daemon-reload && systemctl enable --now " + ShellQuote.quote(unit(filesystem) + ".timer");
    }

    /** Stops, disables and removes the units of {@code filesystem}'s timer; {@code systemd}: through systemctl first. */
    public static String removeScript(String filesystem, boolean systemd) {
        String u = unit(filesystem);
        String files = ShellQuote.quote(DIR + "/" + u + ".timer") + " " + ShellQuote.quote(DIR + "/" + u + ".service");
        return (systemd ? "systemctl disable --now " + ShellQuote.quote(u + ".timer") + " >/dev/null 2>&1; " : "")
                + "rm -f " + files + (systemd ? " && systemctl daemon-reload" : "");
    }
}
