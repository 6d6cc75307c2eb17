package dev.fleetform.reconciler.loop;

import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An allowed-signers file as git's {@code gpg.ssh.allowedSignersFile} and {@code ssh-keygen -Y
 * verify} read it (ssh-keygen(1), "ALLOWED SIGNERS"): per line {@code principals [options] keytype
 * base64-key [comment]}, options comma-separated ({@code namespaces="git"},
 * {@code valid-after=}, {@code valid-before=}). Parsed here rather than by JGit 7.1's own reader,
 * which takes options as space-separated (so {@code namespaces="git",valid-before=…} fails), and
 * only key types starting {@code ssh-} (no ECDSA or security keys). {@code cert-authority} lines
 * are refused: certificates are not trusted here, only the keys listed.
 */
public record AllowedSigners(Path file, List<Entry> entries) {
    public AllowedSigners {
        entries = List.copyOf(entries);
    }

    /**
     * @param principals  the line's comma-separated patterns, as written (reported as the signer)
     * @param namespaces  patterns the key may sign in, or null for any
     * @param validAfter  null for no bound
     * @param validBefore null for no bound
     */
    public record Entry(int line, String principals, List<String> namespaces, Instant validAfter, Instant validBefore, PublicKey key) {
    }

    /** A line that is not an allowed signer: {@code FILE:LINE:COL: message}, with a hint. */
    public static final class Malformed extends IOException {
        private final String hint;

        Malformed(Path file, int line, int col, String message, String hint) {
            super(file + ":" + line + ":" + col + ": " + message);
            this.hint = hint;
        }

        public String hint() {
            return hint;
        }
    }

    static final String HINT = "each line: principals [namespaces=\"git\"] keytype base64-key, e.g. "
            + "alice@example.org namespaces=\"git\" ssh-ed25519 AAAAC3Nza… (the .pub file's first two fields)";

    public static AllowedSigners read(Path file) throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
        if (!lines.isEmpty() && lines.getFirst().startsWith("\uFEFF")) lines.set(0, lines.getFirst().substring(1)); // a byte-order mark
        List<Entry> entries = new ArrayList<>();
        for (int n = 0; n < lines.size(); n++) {
            Entry e = parse(file, n + 1, lines.get(n), ZoneId.systemDefault());
            if (e != null) entries.add(e);
        }
        if (entries.isEmpty()) throw new Malformed(file, 1, 1, "no allowed signer in it", HINT);
        return new AllowedSigners(file, entries);
    }

    /** The entries for {@code key} that allow {@code namespace}; empty when none lists the key. */
    List<Entry> forKey(PublicKey key) {
        return entries.stream().filter(e -> KeyUtils.compareKeys(e.key(), key)).toList();
    }

    static Entry parse(Path file, int line, String text, ZoneId zone) throws Malformed {
        Cursor c = new Cursor(file, line, text);
        c.skipSpace();
        if (c.end() || c.peek() == '#') return null;
        int principalsAt = c.col();
        String principals = c.field();
        if (principals.isEmpty() || List.of(principals.split(",", -1)).contains("")) {
            throw c.fail(principalsAt, "empty principal in '" + principals + "'", HINT);
        }
        if (principals.startsWith("ssh-") || principals.startsWith("ecdsa-") || principals.startsWith("sk-")) {
            throw c.fail(principalsAt, "the line starts with a key type: the principals (e.g. alice@example.org) come first", HINT);
        }
        c.skipSpace();
        List<String> namespaces = null;
        Instant after = null;
        Instant before = null;
        if (!c.end() && !looksLikeKeyType(c.rest())) {
            // options: name or name="value", separated by commas, up to the next space outside quotes
            do {
                int at = c.col();
                String name = c.optionName();
                switch (name) {
                    case "cert-authority" -> throw c.fail(at, "cert-authority: SSH certificates are not trusted here",
                            "list each signer's own key instead of the certificate authority");
                    case "namespaces" -> {
                        if (namespaces != null) throw c.fail(at, "namespaces given twice", HINT);
                        namespaces = List.of(c.optionValue(name).split(","));
                        if (namespaces.stream().allMatch(String::isBlank)) throw c.fail(at, "namespaces is empty", "write namespaces=\"git\", or leave it out for any");
                        namespaces = namespaces.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
                    }
                    case "valid-after" -> {
                        if (after != null) throw c.fail(at, "valid-after given twice", HINT);
                        after = time(c, at, c.optionValue(name), zone);
                    }
                    case "valid-before" -> {
                        if (before != null) throw c.fail(at, "valid-before given twice", HINT);
                        before = time(c, at, c.optionValue(name), zone);
                    }
                    default -> throw c.fail(at, "unknown option '" + name + "'", "the options are namespaces=, valid-after=, valid-before=");
                }
            } while (c.comma());
            if (!c.end() && !Character.isWhitespace(c.peek())) throw c.fail(c.col(), "expected a space after the options", HINT);
            c.skipSpace();
        }
        int typeAt = c.col();
        String type = c.field();
        c.skipSpace();
        int keyAt = c.col();
        String base64 = c.field();
        if (type.isEmpty()) throw c.fail(typeAt, "no key after the principals", HINT);
        if (base64.isEmpty()) throw c.fail(keyAt, "no base64 key after the key type " + type, HINT);
        PublicKey key;
        try {
            PublicKeyEntry entry = PublicKeyEntry.parsePublicKeyEntry(type + " " + base64);
            key = entry.resolvePublicKey(null, null, PublicKeyEntryResolver.FAILING);
        } catch (IllegalArgumentException | IOException | GeneralSecurityException e) {
            throw c.fail(typeAt, "not a public key of type " + type + ": " + e.getMessage(), HINT);
        }
        if (key == null) throw c.fail(typeAt, "unsupported key type " + type, "use an ssh-ed25519, ecdsa-sha2-nistp256/384/521 or ssh-rsa key");
        if (!KeyUtils.getKeyType(key).equals(type)) {
            throw c.fail(typeAt, "the key is of type " + KeyUtils.getKeyType(key) + ", not " + type, HINT);
        }
        return new Entry(line, principals, namespaces, after, before, key);
    }

    private static boolean looksLikeKeyType(String s) {
        return s.startsWith("ssh-") || s.startsWith("ecdsa-sha2-") || s.startsWith("sk-");
    }

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("uuuuMMdd");
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("uuuuMMddHHmm");
    private static final DateTimeFormatter SECOND = DateTimeFormatter.ofPattern("uuuuMMddHHmmss");

    /** {@code YYYYMMDD[Z]} or {@code YYYYMMDDHHMM[SS][Z]}: with Z in UTC, else in the local time zone (as ssh-keygen). */
    static Instant time(Cursor c, int at, String s, ZoneId zone) throws Malformed {
        boolean utc = s.endsWith("Z") || s.endsWith("z");
        String t = utc ? s.substring(0, s.length() - 1) : s;
        ZoneId z = utc ? ZoneOffset.UTC : zone;
        try {
            return switch (t.length()) {
                case 8 -> LocalDate.parse(t, DAY).atStartOfDay(z).toInstant();
                case 12 -> LocalDateTime.parse(t, MINUTE).atZone(z).toInstant();
                case 14 -> LocalDateTime.parse(t, SECOND).atZone(z).toInstant();
                default -> throw new DateTimeParseException("length", t, 0);
            };
        } catch (DateTimeParseException e) {
            throw c.fail(at, "'" + s + "' is not a time", "write YYYYMMDD or YYYYMMDDHHMM[SS], with Z for UTC (20270101Z)");
        }
    }

    /** Reads one line by columns (1-based in messages). */
    static final class Cursor {
        private final Path file;
        private final int line;
        private final String text;
        private int i;

        Cursor(Path file, int line, String text) {
            this.file = file;
            this.line = line;
            this.text = text;
        }

        boolean end() {
            return i >= text.length();
        }

        char peek() {
            return text.charAt(i);
        }

        int col() {
            return i + 1;
        }

        String rest() {
            return text.substring(i);
        }

        void skipSpace() {
            while (!end() && Character.isWhitespace(peek())) i++;
        }

        /** Up to the next space; a field in double quotes may hold spaces. */
        String field() throws Malformed {
            if (!end() && peek() == '"') return quoted();
            int from = i;
            while (!end() && !Character.isWhitespace(peek())) i++;
            return text.substring(from, i);
        }

        String optionName() {
            int from = i;
            while (!end() && peek() != '=' && peek() != ',' && !Character.isWhitespace(peek())) i++;
            return text.substring(from, i);
        }

        String optionValue(String name) throws Malformed {
            if (end() || peek() != '=') throw fail(col(), name + " needs a value (" + name + "=\"…\")", HINT);
            i++;
            if (!end() && peek() == '"') return quoted();
            int from = i;
            while (!end() && peek() != ',' && !Character.isWhitespace(peek())) i++;
            return text.substring(from, i);
        }

        boolean comma() {
            if (!end() && peek() == ',') {
                i++;
                return true;
            }
            return false;
        }

        private String quoted() throws Malformed {
            int at = col();
            i++;
            StringBuilder b = new StringBuilder();
            while (!end() && peek() != '"') {
                if (peek() == '\\' && i + 1 < text.length() && text.charAt(i + 1) == '"') i++;
                b.append(peek());
                i++;
            }
            if (end()) throw fail(at, "unterminated double quote", HINT);
            i++;
            return b.toString();
        }

        Malformed fail(int col, String message, String hint) {
            return new Malformed(file, line, col, message, hint);
        }
    }

    /** OpenSSH's pattern lists: {@code *} and {@code ?} wildcards, {@code !} negates (a negated match wins). */
    static boolean matchesAny(List<String> patterns, String value) {
        boolean matched = false;
        for (String p : patterns) {
            boolean negated = p.startsWith("!");
            if (glob(negated ? p.substring(1) : p, value)) {
                if (negated) return false;
                matched = true;
            }
        }
        return matched;
    }

    private static boolean glob(String p, String s) {
        return glob(p, 0, s, 0);
    }

    private static boolean glob(String p, int pi, String s, int si) {
        while (pi < p.length()) {
            char c = p.charAt(pi);
            if (c == '*') {
                for (int k = si; k <= s.length(); k++) if (glob(p, pi + 1, s, k)) return true;
                return false;
            }
            if (si >= s.length() || (c != '?' && c != s.charAt(si))) return false;
            pi++;
            si++;
        }
        return si == s.length();
    }

    /** The first entry allowing {@code key} to sign in {@code namespace} at {@code when} (null: no time known), if any. */
    Optional<Entry> allowing(PublicKey key, String namespace, Instant when) {
        return forKey(key).stream()
                .filter(e -> e.namespaces() == null || matchesAny(e.namespaces(), namespace))
                .filter(e -> when == null || ((e.validAfter() == null || !when.isBefore(e.validAfter()))
                        && (e.validBefore() == null || !when.isAfter(e.validBefore()))))
                .findFirst();
    }
}
