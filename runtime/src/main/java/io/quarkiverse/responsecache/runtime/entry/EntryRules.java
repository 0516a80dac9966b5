package io.quarkiverse.responsecache.runtime.entry;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.quarkiverse.responsecache.runtime.config.ResponseCacheConfig;
import io.quarkiverse.responsecache.runtime.endpoint.EndpointLifetimes;
import io.quarkiverse.responsecache.runtime.http.CacheStatusHeaders;

/**
 * What an entry may hold, checked when storing and again when replaying, since anyone who can write to the Redis may
 * have written it: an entry that breaks a rule is a miss. See architecture.adoc, section "What an entry may hold".
 */
@Singleton
public final class EntryRules {

    public static final Duration CLOCK_SKEW = Duration.ofSeconds(5);

    /** Compared ignoring case, without a lower-case copy: every hit checks its entry's headers. */
    private static final Set<String> NOT_REPLAYED = notReplayed("content-length", "transfer-encoding", "connection",
            "keep-alive", "upgrade", "te", "trailer", "proxy-authenticate", "proxy-authorization", "authorization",
            "www-authenticate", "set-cookie", "set-cookie2", "date", "age", "etag", "cache-control");

    private static final Set<Integer> NEVER_REPLAYED = Set.of(204, 205, 206, 304);

    /** Indexed by status: checked on every hit, without boxing the status. */
    private final boolean[] cacheableStatuses = new boolean[600];
    private final Predicate<String> ownHeader;

    @Inject
    public EntryRules(ResponseCacheConfig config, CacheStatusHeaders statusHeaders) {
        this(config.cacheableStatuses(), statusHeaders::isStatusHeader);
    }

    public EntryRules(Set<Integer> cacheableStatuses, Predicate<String> ownHeader) {
        for (int status : cacheableStatuses) {
            if (status >= 200 && status <= 599 && !NEVER_REPLAYED.contains(status)) {
                this.cacheableStatuses[status] = true;
            }
        }
        this.ownHeader = ownHeader;
    }

    /** A {@code 206} answers one {@code Range} request only. */
    public static Set<Integer> neverStored(Set<Integer> configured) {
        Set<Integer> ignored = new TreeSet<>();
        for (int status : configured) {
            if (status < 200 || status > 599 || NEVER_REPLAYED.contains(status)) {
                ignored.add(status);
            }
        }
        return ignored;
    }

    public boolean cacheableStatus(int status) {
        return status >= 200 && status <= 599 && cacheableStatuses[status];
    }

    public boolean cacheableStatus(int status, EndpointLifetimes lifetimes) {
        return cacheableStatus(status)
                || (lifetimes.lists(status) && status >= 200 && status <= 599 && !NEVER_REPLAYED.contains(status));
    }

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

    /** @return {@code found}, a copy with its expiry cut back within the clock skew, or null (a miss) */
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

    /** RFC 9110 section 5.6.2 */
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

    /** RFC 9110 section 5.5: a CR would break the response, a CR LF would smuggle a header in. */
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
