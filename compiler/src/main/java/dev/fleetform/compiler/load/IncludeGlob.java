package dev.fleetform.compiler.load;

import java.nio.file.FileSystems;
import java.util.Locale;
import java.util.regex.PatternSyntaxException;

/**
 * The syntax check of an include glob, before a {@link FleetSource} matches it: both sources
 * compile it with the JDK's glob matcher, which throws on an unclosed {@code [} or <code>{</code>,
 * a '/' inside a class, a nested group or a range such as {@code [z-a]}; and no path holds a NUL.
 * Checking here gives validate and plan (which reads git) the same located error.
 */
final class IncludeGlob {

    /** What the hint says the glob syntax is. */
    static final String SYNTAX = "globs have * and ? within a name, ** across folders, [abc] for one of the characters"
            + " and {a,b} for one of the words; close each [ and { (e.g. hosts/[ab]*.yaml)";

    private IncludeGlob() {
    }

    /**
     * The JDK matches a glob with a backtracking regex: each further '*' in one name multiplies
     * the time a long non-matching file name takes (six took seconds per file), so a name may hold
     * only a few.
     */
    static final int MAX_STARS_PER_NAME = 3;

    /** Why {@code glob} is not a glob the sources can match, in words; null when it is one. */
    static String problem(String glob) {
        if (glob.indexOf('\0') >= 0) return "it holds a NUL character, which no path can";
        for (String name : glob.split("/")) {
            int stars = 0;
            for (int i = 0; i < name.length(); i++) {
                if (name.charAt(i) == '*' && (i == 0 || name.charAt(i - 1) != '*')) stars++;
            }
            if (stars > MAX_STARS_PER_NAME) {
                return "'" + name + "' has " + stars + " '*' wildcards; one name may have at most " + MAX_STARS_PER_NAME
                        + ", as matching more takes very long";
            }
        }
        try {
            FileSystems.getDefault().getPathMatcher("glob:" + glob);
            return null;
        } catch (PatternSyntaxException e) {
            return inWords(e.getDescription() == null ? "" : e.getDescription());
        }
    }

    /** The JDK's descriptions (of the glob, or of the regex it becomes) said as the user wrote it. */
    private static String inWords(String description) {
        String d = description.toLowerCase(Locale.ROOT);
        if (d.startsWith("missing ']")) return "a '[' is not closed by ']'";
        if (d.startsWith("missing '}")) return "a '{' is not closed by '}'";
        if (d.startsWith("cannot nest groups")) return "a {..} group is inside another";
        if (d.startsWith("explicit 'name separator' in class")) return "a '/' is inside [..]; a class matches one character of a name";
        if (d.startsWith("invalid range") || d.startsWith("illegal character range")) return "a range in [..] runs backwards (write [a-z], not [z-a])";
        if (d.startsWith("unclosed character class")) return "a [..] class is empty";
        if (d.startsWith("no character to escape")) return "it ends in a backslash";
        return d.isEmpty() ? "it is not a valid glob" : d;
    }
}
