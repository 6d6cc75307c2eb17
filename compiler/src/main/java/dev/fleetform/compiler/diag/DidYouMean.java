package dev.fleetform.compiler.diag;

import java.util.Collection;

/**
 * Suggests the closest known name for a misspelt one ("did you mean gpu-01?"). Used for every
 * reference and for unknown keys, so the wording is the same everywhere.
 */
public final class DidYouMean {
    private DidYouMean() {
    }

    /** The closest candidate within a small edit distance, or null. */
    public static String closest(String wrong, Collection<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        int limit = Math.max(1, Math.min(3, wrong.length() / 3));
        for (String c : candidates) {
            if (Math.abs(c.length() - wrong.length()) > limit) continue;
            int d = distance(wrong, c, limit);
            if (d < bestDistance || (d == bestDistance && best != null && c.compareTo(best) < 0)) {
                bestDistance = d;
                best = c;
            }
        }
        return bestDistance <= limit ? best : null;
    }

    /** "did you mean X?" or a fallback hint when nothing is close. */
    public static String hint(String wrong, Collection<String> candidates, String fallback) {
        String c = closest(wrong, candidates);
        return c != null ? "did you mean '" + c + "'?" : fallback;
    }

    /** Optimal string alignment distance (Damerau-Levenshtein with adjacent swaps), capped. */
    static int distance(String a, String b, int cap) {
        int n = a.length(), m = b.length();
        int[] prev2 = new int[m + 1], prev = new int[m + 1], cur = new int[m + 1];
        for (int j = 0; j <= m; j++) prev[j] = j;
        for (int i = 1; i <= n; i++) {
            cur[0] = i;
            int rowMin = cur[0];
            for (int j = 1; j <= m; j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int v = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    v = Math.min(v, prev2[j - 2] + 1);
                }
                cur[j] = v;
                rowMin = Math.min(rowMin, v);
            }
            if (rowMin > cap) return cap + 1;
            int[] t = prev2;
            prev2 = prev;
            prev = cur;
            cur = t;
        }
        return prev[m];
    }
}
