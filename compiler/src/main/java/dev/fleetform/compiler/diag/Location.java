package dev.fleetform.compiler.diag;

/** A place in a source file, 1-based, as editors and CI annotations count. */
public record Location(String file, int line, int column) {

    /** For problems with a file as a whole (missing, unreadable, not UTF-8). */
    public static Location ofFile(String file) {
        return new Location(file, 1, 1);
    }

    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
