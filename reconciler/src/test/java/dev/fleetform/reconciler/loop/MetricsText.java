package dev.fleetform.reconciler.loop;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict reader of the Prometheus text format (0.0.4): every line is a HELP, a TYPE or a
 * sample, or the parse fails. Samples by {@code name{label="value",...}} with labels sorted.
 */
final class MetricsText {
    private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern SAMPLE = Pattern.compile("(" + NAME + ")(?:\\{(.*)})? (\\S+)(?: -?[0-9]+)?");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\\\n]|\\\\[\\\\\"n])*)\",?");
    private static final Pattern META = Pattern.compile("# (HELP|TYPE) (" + NAME + ") ?(.*)");

    final Map<String, Double> samples = new LinkedHashMap<>();
    final Map<String, String> types = new LinkedHashMap<>();

    static MetricsText parse(String text) {
        MetricsText m = new MetricsText();
        int n = 0;
        for (String line : text.split("\n", -1)) {
            n++;
            if (line.isEmpty()) continue;
            Matcher meta = META.matcher(line);
            if (meta.matches()) {
                if (meta.group(1).equals("TYPE")) {
                    if (!meta.group(3).matches("counter|gauge|histogram|summary|untyped")) throw new AssertionError(n + ": bad type: " + line);
                    if (m.types.put(meta.group(2), meta.group(3)) != null) throw new AssertionError(n + ": TYPE twice: " + line);
                }
                continue;
            }
            Matcher s = SAMPLE.matcher(line);
            if (!s.matches()) throw new AssertionError(n + ": not a sample: " + line);
            Map<String, String> labels = new TreeMap<>();
            if (s.group(2) != null) {
                Matcher l = LABEL.matcher(s.group(2));
                int at = 0;
                while (l.find() && l.start() == at) {
                    labels.put(l.group(1), l.group(2));
                    at = l.end();
                }
                if (at != s.group(2).length()) throw new AssertionError(n + ": bad labels: " + line);
            }
            double v = switch (s.group(3)) {
                case "+Inf" -> Double.POSITIVE_INFINITY;
                case "-Inf" -> Double.NEGATIVE_INFINITY;
                case "NaN" -> Double.NaN;
                default -> Double.parseDouble(s.group(3));
            };
            String key = s.group(1) + (labels.isEmpty() ? "" : labels.toString().replace(", ", ",").replace("{", "{").replaceAll("=([^,}]*)", "=\"$1\""));
            if (m.samples.put(key, v) != null) throw new AssertionError(n + ": sample twice: " + line);
        }
        return m;
    }

    /** The value of {@code name{k="v",...}} as written with sorted labels, or null. */
    Double get(String key) {
        return samples.get(key);
    }
}
