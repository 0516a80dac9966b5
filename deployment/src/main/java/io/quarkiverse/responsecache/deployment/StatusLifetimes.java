package io.quarkiverse.responsecache.deployment;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jboss.jandex.AnnotationInstance;

import io.quarkiverse.responsecache.deployment.ResponseCacheDefinitionException.DuplicateStatusExpireException;
import io.quarkiverse.responsecache.deployment.ResponseCacheDefinitionException.StatusExpireRangeException;
import io.quarkiverse.responsecache.deployment.ResponseCacheDefinitionException.UncacheableStatusExpireException;
import io.quarkiverse.responsecache.runtime.endpoint.EndpointLifetimes;
import io.quarkiverse.responsecache.runtime.entry.EntryRules;

/** {@code @ResponseCache(expireByStatus = ...)}: checked once per annotation, read once per endpoint. */
final class StatusLifetimes {

    private StatusLifetimes() {
    }

    /** @return seconds of freshness by status */
    static Map<Integer, Long> of(AnnotationInstance annotation) {
        Map<Integer, Long> byStatus = new LinkedHashMap<>();
        for (long[] pair : EndpointAnnotations.expireByStatus(annotation)) {
            byStatus.putIfAbsent((int) pair[0], pair[1]);
        }
        return byStatus;
    }

    /** Adds to {@code misuses} each status that is never stored, listed twice, or given a lifetime out of range. */
    static void check(AnnotationInstance annotation, String target, List<Throwable> misuses) {
        Set<Integer> seen = new HashSet<>();
        for (long[] pair : EndpointAnnotations.expireByStatus(annotation)) {
            int status = (int) pair[0];
            long expire = pair[1];
            if (!EntryRules.neverStored(Set.of(status)).isEmpty()) {
                misuses.add(new UncacheableStatusExpireException(target, status));
            } else if (!seen.add(status)) {
                misuses.add(new DuplicateStatusExpireException(target, status));
            } else if (expire <= 0 || expire > EndpointLifetimes.LONGEST.toSeconds()) {
                misuses.add(new StatusExpireRangeException(target, status, expire));
            }
        }
    }
}
