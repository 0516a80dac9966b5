package io.quarkiverse.responsecache.runtime.orm;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Whether a statement may write (anything but a plain {@code select} or DML-free {@code with}) and its identifiers,
 * normalised: columns and aliases among them only tag and evict more, never less.
 */
record SqlStatement(boolean writes, Set<String> identifiers) {

    private static final Set<String> QUERIES = Set.of("select", "values", "table");
    private static final Set<String> WRITES = Set.of("insert", "update", "delete", "merge", "truncate", "upsert",
            "replace");

    static SqlStatement parse(String sql) {
        Set<String> identifiers = new LinkedHashSet<>();
        String first = null;
        int length = sql.length();
        int i = 0;
        while (i < length) {
            char c = sql.charAt(i);
            if (c == '\'') {
                i = skipQuoted(sql, i, '\'');
            } else if (c == '-' && i + 1 < length && sql.charAt(i + 1) == '-') {
                int end = sql.indexOf('\n', i);
                i = end < 0 ? length : end + 1;
            } else if (c == '/' && i + 1 < length && sql.charAt(i + 1) == '*') {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? length : end + 2;
            } else if (c == '"' || c == '`' || c == '[' || Character.isLetter(c) || c == '_') {
                int start = i;
                i = skipIdentifier(sql, i);
                String identifier = lastSegment(sql.substring(start, i));
                if (first == null) {
                    first = identifier;
                }
                if (!identifier.isEmpty()) {
                    identifiers.add(identifier);
                }
            } else {
                i++;
            }
        }
        boolean writes;
        if ("with".equals(first)) {
            // Hibernate runs some bulk writes as a CTE: with ... delete/update/insert
            writes = identifiers.stream().anyMatch(WRITES::contains);
        } else {
            writes = first == null || !QUERIES.contains(first);
        }
        return new SqlStatement(writes, identifiers);
    }

    /** @return the index after a dotted identifier, each part plain or quoted */
    private static int skipIdentifier(String sql, int i) {
        int length = sql.length();
        while (i < length) {
            char c = sql.charAt(i);
            if (c == '"' || c == '`') {
                i = skipQuoted(sql, i, c);
            } else if (c == '[') {
                i = skipQuoted(sql, i, ']');
            } else {
                while (i < length && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_'
                        || sql.charAt(i) == '$')) {
                    i++;
                }
            }
            if (i + 1 < length && sql.charAt(i) == '.' && sql.charAt(i + 1) != '.') {
                i++;
            } else {
                return i;
            }
        }
        return i;
    }

    private static int skipQuoted(String sql, int i, char close) {
        int end = sql.indexOf(close, i + 1);
        return end < 0 ? sql.length() : end + 1;
    }

    /** @return a table or column name as tracking compares them: unquoted, lower case, without schema */
    static String lastSegment(String identifier) {
        String name = identifier;
        int dot = lastDotOutsideQuotes(name);
        if (dot >= 0) {
            name = name.substring(dot + 1);
        }
        if (name.length() >= 2 && (name.charAt(0) == '"' || name.charAt(0) == '`' || name.charAt(0) == '[')) {
            name = name.substring(1, name.length() - 1);
        }
        return name.toLowerCase(Locale.ROOT);
    }

    private static int lastDotOutsideQuotes(String identifier) {
        char quote = 0;
        int last = -1;
        for (int i = 0; i < identifier.length(); i++) {
            char c = identifier.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '`') {
                quote = c;
            } else if (c == '[') {
                quote = ']';
            } else if (c == '.') {
                last = i;
            }
        }
        return last;
    }
}
