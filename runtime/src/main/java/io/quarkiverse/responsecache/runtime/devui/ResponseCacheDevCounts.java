package io.quarkiverse.responsecache.runtime.devui;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import jakarta.inject.Singleton;

import io.quarkiverse.responsecache.runtime.observe.CacheOutcome;
import io.quarkiverse.responsecache.spi.ResponseCacheObserver;

/**
 * Counts requests per endpoint and outcome, and keeps the entity tags of its last tagged entry, for the Dev UI card
 * (dev mode only).
 */
@Singleton
public class ResponseCacheDevCounts implements ResponseCacheObserver {

    private static final CacheOutcome[] OUTCOMES = CacheOutcome.values();

    private final Map<String, LongAdder[]> byEndpoint = new ConcurrentHashMap<>();
    /** Per endpoint, the path and entity tags of its last entry stored with some. */
    private final Map<String, String> lastEntityTags = new ConcurrentHashMap<>();

    @Override
    public void taggedByEntities(String endpoint, String path, List<String> tags) {
        lastEntityTags.put(endpoint, path + ": " + String.join(" ", tags));
    }

    /** @return the path and entity tags of the last entry of {@code endpoint} stored with some, or null */
    public String lastEntityTags(String endpoint) {
        return lastEntityTags.get(endpoint);
    }

    @Override
    public void answered(String endpoint, CacheOutcome outcome, String tier, String cacheStatus, long ageSeconds) {
        byEndpoint.computeIfAbsent(endpoint, name -> {
            LongAdder[] counts = new LongAdder[OUTCOMES.length];
            for (int i = 0; i < counts.length; i++) {
                counts[i] = new LongAdder();
            }
            return counts;
        })[outcome.ordinal()].increment();
    }

    /** @return how many requests of {@code endpoint} had {@code outcome} */
    public long count(String endpoint, CacheOutcome outcome) {
        LongAdder[] counts = byEndpoint.get(endpoint);
        return counts == null ? 0 : counts[outcome.ordinal()].sum();
    }
}
