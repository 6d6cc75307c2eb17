package dev.fleetform.compiler.secret;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Shapes of secret material that must never be written into fleet.yaml. Each shape has cheap
 * substrings that must occur before its pattern is tried (most strings contain none of them),
 * and a masked form for messages: a message shows what was found, never the secret.
 */
public enum SecretShape {
    PRIVATE_KEY("a private key block", Pattern.compile("-----BEGIN ((?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?)-----"), "-----BEGIN") {
        @Override
        String mask(Matcher m) {
            return "-----BEGIN " + m.group(1) + "-----";
        }
    },
    ACCESS_TOKEN("a robot URL carrying its access token", Pattern.compile("access_token=([^&#\\s]+)"), "access_token=") {
        @Override
        String mask(Matcher m) {
            return "access_token=****";
        }
    },
    URL_PASSWORD("a URL with a password", Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*://[^/\\s:@]+):([^/\\s@]+)@"), "://") {
        @Override
        String mask(Matcher m) {
            return m.group(1) + ":****@";
        }
    },
    AWS_ACCESS_KEY("an AWS access key id", Pattern.compile("\\b(AKIA|ASIA)[0-9A-Z]{16}\\b"), "AKIA", "ASIA") {
        @Override
        String mask(Matcher m) {
            return m.group(1) + "****";
        }
    },
    SLACK_TOKEN("a Slack token", Pattern.compile("\\b(xox[abeprs])-[0-9A-Za-z-]{10,}"), "xox") {
        @Override
        String mask(Matcher m) {
            return m.group(1) + "-****";
        }
    },
    GITHUB_TOKEN("a GitHub token", Pattern.compile("\\b(gh[pousr]_|github_pat_)[A-Za-z0-9_]{22,}"), "gh") {
        @Override
        String mask(Matcher m) {
            return m.group(1) + "****";
        }
    };

    private static final SecretShape[] SHAPES = values();

    private final String description;
    private final Pattern pattern;
    private final String[] clues;

    SecretShape(String description, Pattern pattern, String... clues) {
        this.description = description;
        this.pattern = pattern;
        this.clues = clues;
    }

    /**
     * True when {@code text} holds secret material of any shape. The schema check uses it to leave
     * such a value to SECRET-MATERIAL, whose message is masked, instead of quoting the value.
     */
    public static boolean anyIn(String text) {
        for (SecretShape shape : SHAPES) {
            if (shape.find(text) != null) return true;
        }
        return false;
    }

    /** What was found, e.g. "a URL with a password". */
    public String description() {
        return description;
    }

    /** The masked match in {@code text}, or null when this shape does not occur in it. */
    public String find(String text) {
        for (String clue : clues) {
            if (text.contains(clue)) {
                Matcher m = pattern.matcher(text);
                return m.find() ? mask(m) : null;
            }
        }
        return null;
    }

    /** The match with its secret part replaced by {@code ****}. */
    abstract String mask(Matcher m);
}
