package io.quarkiverse.responsecache.runtime.entry;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

import io.quarkiverse.responsecache.runtime.endpoint.EndpointLifetimes;

/**
 * What an entry may hold, checked twice: when a response is stored, and again when an entry is read back, since
 * whatever sits under the prefix may have been written by someone else (anyone who can write to the Redis) or damaged.
 * An entry read back that breaks a rule is not replayed: it is a miss, and the endpoint's response overwrites it.
 * <ul>
 * <li>Its status is a final status that the configuration lists as cacheable (or gives a lifetime of its own, for the
 * endpoint), and not one that has no body to replay or describes one exchange only (1xx, 204, 205, 206, 304).</li>
 * <li>Its headers are the ones a stored response keeps: no header that describes one connection or one client
 * ({@code Set-Cookie}, {@code Authorization}, hop-by-hop headers...), none the cache writes itself, no
 * {@code Location} outside a redirect or a {@code 201}; names are HTTP tokens and values hold no CR, LF or other
 * control character (a CR would break the response, a CR LF would smuggle a header in).</li>
 * <li>Its expiry is no later than the freshness its endpoint gives its status from now: an entry written now says at
 * most {@code now + expire} (or its status's lifetime; jitter and the response's own {@code max-age} only shorten
 * it), and up to {@link #CLOCK_SKEW} more is taken as another instance's clock being ahead and cut back. Anything
 * later is a forged or foreign expiry.</li>
 * </ul>
 */
public final class EntryRules {

    /** How far another instance's clock may be ahead before an entry's expiry is taken as forged. */
    public static final Duration CLOCK_SKEW = Duration.ofSeconds(5);

    /**
     * Headers that describe one connection or one client, or that the cache writes itself: never replayed. Compared
     * ignoring case, without a lower-case copy: every hit checks its entry's headers.
     */
    private static final Set<String> NOT_REPLAYED = notReplayed("content-length", "transfer-encoding", "connection",
            "keep-alive", "upgrade", "te", "trailer", "proxy-authenticate", "proxy-authorization", "authorization",
            "www-authenticate", "set-cookie", "set-cookie2", "date", "age", "etag", "cache-control");

    /** Statuses that are final but carry nothing to replay, or answer one exchange only. */
    private static final Set<Integer> NEVER_REPLAYED = Set.of(204, 205, 206, 304);

    /** Indexed by status, 200 to 599: checked on every hit, without boxing the status. */
    private final boolean[] cacheableStatuses = new boolean[600];
    private final Predicate<String> ownHeader;

    /**
     * @param cacheableStatuses the configured cacheable statuses
     * @param ownHeader whether a header name is one the cache writes on every response ({@code X-Cache}...)
     */
    public EntryRules(Set<Integer> cacheableStatuses, Predicate<String> ownHeader) {
        for (int status : cacheableStatuses) {
            if (status >= 200 && status <= 599 && !NEVER_REPLAYED.contains(status)) {
                this.cacheableStatuses[status] = true;
            }
        }
        this.ownHeader = ownHeader;
    }

    /**
     * @return the statuses of {@code configured} that are never stored whatever the configuration says: not final,
     *         or with nothing to replay to another request (a {@code 206} answers one {@code Range} request only)
     */
    public static Set<Integer> neverStored(Set<Integer> configured) {
        Set<Integer> ignored = new TreeSet<>();
        for (int status : configured) {
            if (status < 200 || status > 599 || NEVER_REPLAYED.contains(status)) {
                ignored.add(status);
            }
        }
        return ignored;
    }

    /** @return whether a response of this status may be stored and replayed */
    public boolean cacheableStatus(int status) {
        return status >= 200 && status <= 599 && cacheableStatuses[status];
    }

    /** @return whether a response of this status may be stored and replayed for an endpoint with these lifetimes */
    public boolean cacheableStatus(int status, EndpointLifetimes lifetimes) {
        return cacheableStatus(status)
                || (lifetimes.lists(status) && status >= 200 && status <= 599 && !NEVER_REPLAYED.contains(status));
    }

    /** @return whether a response of {@code status} keeps this header when stored */
    public boolean keepsHeader(int status, String name, String value) {
        if (NOT_REPLAYED.contains(name) || ownHeader.test(name) || !isToken(name) || !isFieldValue(value)) {
            return false;
        }
        return !name.equalsIgnoreCase("location") || (status >= 300 && status < 400) || status == 201;
    }

    private static Set<String> notReplayed(String... names) {
        Set<String> set = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        set.addAll(List.of(names));
        return Collections.unmodifiableSet(set);
    }

    /**
     * @param lifetimes the endpoint's lifetimes
     * @return the entry to replay: {@code found} itself, or a copy whose expiry is cut back to {@code now} plus its
     *         status's lifetime; null when it breaks a rule (a miss)
     */
    public CachedResponse admit(CachedResponse found, EndpointLifetimes lifetimes, long nowMillis) {
        if (found == null || !cacheableStatus(found.status(), lifetimes)) {
            return null;
        }
        List<Map.Entry<String, String>> headers = found.headers();
        for (int i = 0; i < headers.size(); i++) {
            // indexed: every hit checks its headers, and an iterator is an allocation per hit
            Map.Entry<String, String> header = headers.get(i);
            if (!keepsHeader(found.status(), header.getKey(), header.getValue())) {
                return null;
            }
        }
        long latestExpiry = nowMillis + lifetimes.forStatus(found.status()).toMillis();
        if (found.expiresAtMillis() <= latestExpiry) {
            return found;
        }
        if (found.expiresAtMillis() - latestExpiry > CLOCK_SKEW.toMillis()) {
            return null;
        }
        return found.expiringAt(latestExpiry);
    }

    /** @return whether {@code name} is an HTTP token (RFC 9110 section 5.6.2) */
    static boolean isToken(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean alphanumeric = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
            if (!alphanumeric && "!#$%&'*+-.^_`|~".indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }

    /** @return whether {@code value} holds no control character but horizontal tab (RFC 9110 section 5.5) */
    static boolean isFieldValue(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7F) {
                return false;
            }
        }
        return true;
    }
}
