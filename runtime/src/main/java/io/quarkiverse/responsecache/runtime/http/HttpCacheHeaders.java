package io.quarkiverse.responsecache.runtime.http;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The parts of HTTP caching (RFC 9110, RFC 9111) the response cache needs: strong entity tags derived from the body,
 * {@code If-None-Match} evaluation and {@code Cache-Control} directive lookup.
 */
public final class HttpCacheHeaders {

    private HttpCacheHeaders() {
    }

    /** @return every value of the header {@code name} (case-insensitive) among {@code headers}, in order */
    public static List<String> values(List<Map.Entry<String, String>> headers, String name) {
        List<String> values = new ArrayList<>(1);
        for (Map.Entry<String, String> header : headers) {
            if (header.getKey().equalsIgnoreCase(name)) {
                values.add(header.getValue());
            }
        }
        return values;
    }

    /**
     * A strong entity tag derived from the body alone, so it is the same on every instance and after a restart.
     *
     * @return a quoted tag: 16 characters of URL-safe base64 of the body's SHA-256 (96 bits, plenty to tell the
     *         versions of one resource apart, and short because every entry stores it)
     */
    public static String strongETag(byte[] body) {
        byte[] digest = sha256().digest(body);
        return '"' + Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 16) + '"';
    }

    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    /**
     * Evaluates {@code If-None-Match} (RFC 9110 section 13.1.2) against the current entity tag: {@code *} matches any
     * entity, otherwise the header is a comma-separated list of entity tags compared weakly (the {@code W/} prefix is
     * ignored on both sides). A header that does not parse matches nothing.
     *
     * @param ifNoneMatch the request header, or {@code null}
     * @param etag the current entity tag, quoted, possibly weak
     * @return whether the condition is false, i.e. the client's copy is current and a 304 is the answer
     */
    public static boolean ifNoneMatchMatches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null || etag == null) {
            return false;
        }
        String current = opaqueTag(etag, 0, etag.length());
        if (current == null) {
            return false;
        }
        int length = ifNoneMatch.length();
        int i = skipSpaces(ifNoneMatch, 0);
        if (i < length && ifNoneMatch.charAt(i) == '*') {
            return skipSpaces(ifNoneMatch, i + 1) == length;
        }
        boolean matched = false;
        while (i < length) {
            if (ifNoneMatch.charAt(i) == ',') {
                // an empty list element, which recipients must accept (RFC 9110 section 5.6.1.2)
                i = skipSpaces(ifNoneMatch, i + 1);
                continue;
            }
            int start = i;
            if (ifNoneMatch.startsWith("W/", i)) {
                i += 2;
            }
            if (i >= length || ifNoneMatch.charAt(i) != '"') {
                return false;
            }
            int close = ifNoneMatch.indexOf('"', i + 1);
            if (close < 0) {
                return false;
            }
            String candidate = opaqueTag(ifNoneMatch, start, close + 1);
            if (candidate == null) {
                return false;
            }
            matched |= candidate.equals(current);
            i = skipSpaces(ifNoneMatch, close + 1);
            if (i < length && ifNoneMatch.charAt(i) != ',') {
                return false;
            }
        }
        return matched;
    }

    /**
     * @return whether a response of {@code status} with {@code etag} is answered {@code 304 Not Modified}: only a
     *         2xx response is, as RFC 9110 section 13.2.1 ignores the condition for any other status
     */
    public static boolean notModified(int status, String ifNoneMatch, String etag) {
        return status >= 200 && status < 300 && ifNoneMatchMatches(ifNoneMatch, etag);
    }

    /** @return whether {@code value} is one entity tag ({@code "x"} or {@code W/"x"}), as RFC 9110 section 8.8.3 spells it */
    public static boolean isEntityTag(String value) {
        return value != null && opaqueTag(value, 0, value.length()) != null;
    }

    /** @return the quoted part of an entity tag without its weakness prefix, or null when it is not an entity tag */
    private static String opaqueTag(String value, int start, int end) {
        if (value.startsWith("W/", start)) {
            start += 2;
        }
        if (end - start < 2 || value.charAt(start) != '"' || value.charAt(end - 1) != '"') {
            return null;
        }
        for (int i = start + 1; i < end - 1; i++) {
            char c = value.charAt(i);
            // etagc = %x21 / %x23-7E / obs-text
            if (c == '"' || c < 0x21 || c == 0x7F) {
                return null;
            }
        }
        return value.substring(start, end);
    }

    private static int skipSpaces(String value, int i) {
        while (i < value.length() && (value.charAt(i) == ' ' || value.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }

    /**
     * Whether a {@code Cache-Control} header value carries a directive, read as the comma-separated list it is
     * (RFC 9111 section 5.2): {@code max-age=0, no-cache} has {@code no-cache}; {@code no-cache-please} has not.
     * Directive names are case-insensitive; arguments are ignored.
     */
    public static boolean hasDirective(String cacheControl, String directive) {
        return directiveEnd(cacheControl, directive) >= 0;
    }

    /** @return where the name of {@code directive} ends in {@code cacheControl}, or -1 when it is not there */
    private static int directiveEnd(String cacheControl, String directive) {
        if (cacheControl == null) {
            return -1;
        }
        int length = cacheControl.length();
        int i = 0;
        while (i < length) {
            int start = skipSpaces(cacheControl, i);
            int end = start;
            while (end < length && cacheControl.charAt(end) != ',' && cacheControl.charAt(end) != '='
                    && cacheControl.charAt(end) != ' ' && cacheControl.charAt(end) != '\t') {
                end++;
            }
            if (end - start == directive.length() && cacheControl.regionMatches(true, start, directive, 0, end - start)) {
                return end;
            }
            i = nextDirective(cacheControl, end);
        }
        return -1;
    }

    /**
     * The seconds a {@code Cache-Control} directive such as {@code max-age=60} gives (RFC 9111 section 1.2.2; the
     * quoted form {@code max-age="60"} too, values beyond 2^31 taken as 2^31).
     *
     * @return the directive's seconds, {@code -1} when the header does not carry it, {@code 0} when its argument is not
     *         a number (such a response is stale at once)
     */
    public static long directiveSeconds(String cacheControl, String directive) {
        int end = directiveEnd(cacheControl, directive);
        if (end < 0) {
            return -1;
        }
        String argument = cacheControl.substring(end, nextDirective(cacheControl, end)).replace(",", "").trim();
        argument = argument.startsWith("=") ? argument.substring(1).trim().replace("\"", "") : "";
        return argument.matches("[0-9]{1,18}") ? Math.min(Long.parseLong(argument), 1L << 31) : 0;
    }

    /** @return the index after the comma that ends the directive at {@code i}, skipping quoted arguments */
    private static int nextDirective(String value, int i) {
        boolean quoted = false;
        for (; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                return i + 1;
            }
        }
        return i;
    }

}
