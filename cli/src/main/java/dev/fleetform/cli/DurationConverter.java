package dev.fleetform.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as Prometheus and Go write them: {@code 30s}, {@code 5m}, {@code 1h30m}, {@code 500ms}. */
final class DurationConverter implements ITypeConverter<Duration> {
    private static final Pattern WHOLE = Pattern.compile("(?:[0-9]+(?:ms|s|m|h))+");
    private static final Pattern PART = Pattern.compile("([0-9]+)(ms|s|m|h)");

    @Override
    public Duration convert(String value) {
        if (!WHOLE.matcher(value).matches()) {
            throw new TypeConversionException("'" + value + "' is not a duration: write e.g. 30s, 5m, 1h30m");
        }
        Duration d = Duration.ZERO;
        Matcher m = PART.matcher(value);
        try {
            while (m.find()) {
                long n = Long.parseLong(m.group(1));
                d = d.plus(switch (m.group(2)) {
                    case "ms" -> Duration.ofMillis(n);
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    default -> Duration.ofHours(n);
                });
            }
        } catch (ArithmeticException | NumberFormatException e) {
            throw new TypeConversionException("'" + value + "' is too long a duration");
        }
        if (d.isZero()) throw new TypeConversionException("'" + value + "' is zero: give a positive duration");
        return d;
    }
}
