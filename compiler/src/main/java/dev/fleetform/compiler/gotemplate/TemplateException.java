package dev.fleetform.compiler.gotemplate;

/**
 * Go's parser panics at the first error and recovers at the top of {@code Parse}; this unwinds
 * the same way. It carries no stack trace: it is a result, not a bug.
 */
final class TemplateException extends RuntimeException {
    final TemplateError error;

    TemplateException(TemplateError error) {
        super(error.message(), null, false, false);
        this.error = error;
    }
}
