package io.quarkiverse.responsecache.runtime.entry;

import java.util.Set;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.quarkiverse.responsecache.runtime.config.ResponseCacheConfig;
import io.quarkus.runtime.StartupEvent;

/**
 * Says once, at startup, which statuses of {@code quarkus.response-cache.cacheable-statuses} are never stored, so an
 * operator who lists {@code 206} learns that partial responses are not cached rather than finding it out later.
 */
@Singleton
public class CacheableStatusesCheck {

    private static final Logger LOG = Logger.getLogger(CacheableStatusesCheck.class);

    void check(@Observes StartupEvent start, ResponseCacheConfig config) {
        Set<Integer> ignored = EntryRules.neverStored(config.cacheableStatuses());
        if (!ignored.isEmpty()) {
            LOG.warnf("Response cache: quarkus.response-cache.cacheable-statuses lists %s, which the cache never"
                    + " stores and ignores: 1xx, 204, 205 and 304 have no body to replay, and a 206 answers one"
                    + " Range request with a part of the resource, never a full response. Remove %s from the list",
                    ignored, ignored.size() == 1 ? "it" : "them");
        }
    }
}
