package io.quarkiverse.responsecache.deployment;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Tag templates read as patterns: a {@code {...}} segment stands for any path parameter value, i.e. any non-empty
 * string, so {@code product:{id}} stands for every tag matching {@code product:*}. Pure, so the build's decision
 * whether an eviction can ever meet a cached entry is unit-tested without an application.
 */
final class TagPatterns {

    /** A position of a pattern: a literal character, or a wildcard. */
    private static final int WILDCARD = -1;

    private TagPatterns() {
    }

    /**
     * @return whether some concrete tag matches both templates, e.g. {@code product:{id}} and {@code product:{pid}},
     *         or {@code product:{id}} and {@code product:42}; never {@code product:{id}} and {@code product:}
     */
    static boolean overlap(String first, String second) {
        int[] a = tokens(first);
        int[] b = tokens(second);
        // walk both patterns in step over one candidate tag, a character at a time: a breadth-first search over the
        // pairs of positions, finite because each position is at most the pattern's length
        boolean[][] seen = new boolean[a.length + 1][b.length + 1];
        Deque<int[]> pending = new ArrayDeque<>();
        pending.add(new int[] { 0, 0 });
        seen[0][0] = true;
        while (!pending.isEmpty()) {
            int[] at = pending.poll();
            int i = at[0];
            int j = at[1];
            if (i == a.length && j == b.length) {
                return true;
            }
            if (i == a.length || j == b.length) {
                continue; // one pattern is done, the other still needs a character
            }
            if (a[i] != WILDCARD && b[j] != WILDCARD && a[i] != b[j]) {
                continue;
            }
            // a wildcard has matched one character: it may stop here or take more
            for (int nextI : a[i] == WILDCARD ? new int[] { i, i + 1 } : new int[] { i + 1 }) {
                for (int nextJ : b[j] == WILDCARD ? new int[] { j, j + 1 } : new int[] { j + 1 }) {
                    if (!seen[nextI][nextJ]) {
                        seen[nextI][nextJ] = true;
                        pending.add(new int[] { nextI, nextJ });
                    }
                }
            }
        }
        return false;
    }

    /** @return whether any of the templates overlaps the given one */
    static boolean overlapsAny(String template, Collection<String> templates) {
        for (String candidate : templates) {
            if (overlap(template, candidate)) {
                return true;
            }
        }
        return false;
    }

    /** @return at most {@code limit} of the candidates, the closest to the wanted one first (by edit distance) */
    static List<String> closest(String wanted, Collection<String> candidates, int limit) {
        List<String> sorted = new ArrayList<>(new LinkedHashSet<>(candidates));
        sorted.sort(Comparator.comparingInt((String candidate) -> distance(wanted, candidate))
                .thenComparing(Comparator.naturalOrder()));
        return sorted.subList(0, Math.min(limit, sorted.size()));
    }

    /** The pattern as code points, a {@code {...}} as one {@link #WILDCARD}; braces as {@code TagTemplate} reads them. */
    private static int[] tokens(String template) {
        List<Integer> tokens = new ArrayList<>();
        int position = 0;
        while (position < template.length()) {
            int close = template.charAt(position) == '{' ? template.indexOf('}', position) : -1;
            if (close > 0) {
                tokens.add(WILDCARD);
                position = close + 1;
            } else {
                int codePoint = template.codePointAt(position);
                tokens.add(codePoint);
                position += Character.charCount(codePoint);
            }
        }
        return tokens.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Levenshtein distance: how many characters to insert, delete or replace to turn one string into the other. */
    static int distance(String first, String second) {
        int[] previous = new int[second.length() + 1];
        int[] current = new int[second.length() + 1];
        for (int j = 0; j <= second.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= first.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= second.length(); j++) {
                int replace = previous[j - 1] + (first.charAt(i - 1) == second.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(replace, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[second.length()];
    }
}
