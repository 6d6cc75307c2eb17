package dev.fleetform.cli;

import dev.fleetform.cli.output.DiagnosticFormat;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.util.Locale;

/** Accepts {@code text|json|github} in any case, with a message listing them otherwise. */
final class FormatConverter implements ITypeConverter<DiagnosticFormat> {
    @Override
    public DiagnosticFormat convert(String value) {
        try {
            return DiagnosticFormat.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException("'" + value + "' is not a format; use text, json or github");
        }
    }
}
