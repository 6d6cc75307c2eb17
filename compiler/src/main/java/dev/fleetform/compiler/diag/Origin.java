package dev.fleetform.compiler.diag;

/**
 * Where a model element came from: a JSON pointer into the loaded (include-merged) document,
 * e.g. {@code /hosts/3/vms/0}. Resolve it to file:line:col with
 * {@code load.SourceMap.locate(Origin)}.
 * A value inherited from a profile has the profile's pointer, so errors point at the line to edit.
 */
public record Origin(String pointer) {

    public static final Origin ROOT = new Origin("");

    public Origin child(String key) {
        return new Origin(pointer + "/" + escape(key));
    }

    public Origin child(int index) {
        return new Origin(pointer + "/" + index);
    }

    /** RFC 6901 escaping, so keys like {@code fs.file-max} or {@code a/b} stay one segment. */
    static String escape(String key) {
        if (key.indexOf('~') < 0 && key.indexOf('/') < 0) return key;
        return key.replace("~", "~0").replace("/", "~1");
    }

    @Override
    public String toString() {
        return pointer.isEmpty() ? "/" : pointer;
    }
}
