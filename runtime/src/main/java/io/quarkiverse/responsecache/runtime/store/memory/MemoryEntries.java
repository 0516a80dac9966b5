package io.quarkiverse.responsecache.runtime.store.memory;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Policy;
import com.github.benmanes.caffeine.cache.RemovalCause;
import com.github.benmanes.caffeine.cache.Ticker;

import io.quarkiverse.responsecache.spi.EntryMarks;

/**
 * The memory store's entries and their indexes, changed together inside Caffeine's atomic step for each key, so the
 * indexes list only live entries.
 */
final class MemoryEntries {

    private final Ticker ticker;
    private final MemoryIndexes indexes = new MemoryIndexes();
    private final Cache<String, MemoryEntry> entries;

    MemoryEntries(long maxBytes, Ticker ticker) {
        this.ticker = ticker;
        this.entries = Caffeine.newBuilder()
                .maximumWeight(maxBytes)
                .weigher((String key, MemoryEntry entry) -> entry.weight())
                .expireAfter(new EntryExpiry())
                .ticker(ticker)
                .executor(Runnable::run)
                // inside the eviction's atomic step, unlike a removal listener: no reader sees the entry gone and still indexed
                .evictionListener((String key, MemoryEntry entry, RemovalCause cause) -> {
                    if (key != null && entry != null) {
                        indexes.removeEntry(key, entry.memberships());
                    }
                })
                .build();
    }

    byte[] get(String key) {
        MemoryEntry entry = entries.getIfPresent(key);
        if (entry != null) {
            return entry.value();
        }
        // an expired entry is invisible at once but leaves only when Caffeine's timer reaches it: no index may list it
        entries.asMap().computeIfPresent(key, (k, live) -> live);
        return null;
    }

    void put(String key, byte[] entry, Duration timeToLive, Map<String, String> memberships) {
        long now = ticker.read();
        MemoryEntry stored = timeToLive.isNegative() || timeToLive.isZero() ? null
                : new MemoryEntry(key, entry, now + saturatedNanos(timeToLive), Map.copyOf(memberships));
        entries.asMap().compute(key, (k, previous) -> {
            if (previous != null) {
                indexes.removeEntry(k, previous.memberships());
            }
            if (stored != null) {
                indexes.add(stored.memberships());
            }
            // nothing readable is stored for a zero time to live: it replaces the entry with none
            return stored;
        });
    }

    String claim(String key, Duration timeToLive, Map<String, String> memberships) {
        long now = ticker.read();
        String[] claim = new String[1];
        entries.asMap().compute(key, (k, live) -> {
            indexes.add(memberships);
            if (live != null) {
                Map<String, String> joined = new HashMap<>(live.memberships());
                joined.putAll(memberships);
                claim[0] = EntryMarks.fingerprint(live.value());
                return new MemoryEntry(k, live.value(), live.expiresAtNanos(), Map.copyOf(joined));
            }
            byte[] placeholder = EntryMarks.newPlaceholder();
            claim[0] = EntryMarks.fingerprint(placeholder);
            return new MemoryEntry(k, placeholder, now + saturatedNanos(timeToLive), Map.copyOf(memberships));
        });
        return claim[0];
    }

    boolean putIfClaimed(String key, String claim, byte[] entry, Duration timeToLive, Map<String, String> memberships) {
        long now = ticker.read();
        boolean[] stored = new boolean[1];
        entries.asMap().compute(key, (k, live) -> {
            if (!EntryMarks.fingerprint(live == null ? null : live.value()).equals(claim)) {
                return live;
            }
            stored[0] = true;
            indexes.removeEntry(k, live.memberships());
            if (timeToLive.isNegative() || timeToLive.isZero()) {
                return null;
            }
            indexes.add(memberships);
            return new MemoryEntry(k, entry, now + saturatedNanos(timeToLive), Map.copyOf(memberships));
        });
        return stored[0];
    }

    boolean replaceIfUnchanged(String key, String fingerprint, byte[] entry, Duration atMost) {
        long latest = ticker.read() + saturatedNanos(atMost);
        boolean[] replaced = new boolean[1];
        entries.asMap().computeIfPresent(key, (k, live) -> {
            if (!EntryMarks.fingerprint(live.value()).equals(fingerprint)) {
                return live;
            }
            replaced[0] = true;
            return new MemoryEntry(k, entry, Math.min(live.expiresAtNanos(), latest), live.memberships());
        });
        return replaced[0];
    }

    void release(String key, String claim) {
        entries.asMap().computeIfPresent(key, (k, live) -> {
            if (EntryMarks.isMark(live.value()) && EntryMarks.fingerprint(live.value()).equals(claim)) {
                indexes.removeEntry(k, live.memberships());
                return null;
            }
            return live;
        });
    }

    void index(String index, String member) {
        indexes.add(Map.of(index, member));
    }

    /** A claim of the key right after finds it out of the index and adds it again. */
    boolean tombstone(String key, String index) {
        long now = ticker.read();
        boolean[] evicted = new boolean[1];
        // an expired entry reaches Caffeine's eviction listener instead of this function: it no longer existed
        entries.asMap().compute(key, (k, live) -> {
            if (live != null) {
                indexes.removeEntry(k, live.memberships());
                evicted[0] = EntryMarks.isEvictable(live.value());
            }
            if (index != null) {
                // a member that is no entry (a namespace in the registry) leaves this index only
                indexes.removeMember(index, k);
            }
            return new MemoryEntry(k, EntryMarks.newTombstone(),
                    now + EntryMarks.TOMBSTONE_LIFETIME.toNanos(), Map.of());
        });
        return evicted[0];
    }

    Set<String> members(String index) {
        return indexes.snapshot(index);
    }

    long weightedSize() {
        entries.cleanUp();
        return entries.policy().eviction().map(Policy.Eviction::weightedSize).orElseThrow().orElseThrow();
    }

    long size() {
        return entries.estimatedSize();
    }

    int indexCount() {
        return indexes.count();
    }

    /** Capped far beyond any TTL instead of overflowing. */
    static long saturatedNanos(Duration duration) {
        long capped = Duration.ofDays(365 * 100).toNanos();
        return duration.compareTo(Duration.ofNanos(capped)) > 0 ? capped : duration.toNanos();
    }

    /** Reading an entry does not extend it. */
    private static final class EntryExpiry implements Expiry<String, MemoryEntry> {

        @Override
        public long expireAfterCreate(String key, MemoryEntry entry, long currentTime) {
            return Math.max(0, entry.expiresAtNanos() - currentTime);
        }

        @Override
        public long expireAfterUpdate(String key, MemoryEntry entry, long currentTime, long currentDuration) {
            return Math.max(0, entry.expiresAtNanos() - currentTime);
        }

        @Override
        public long expireAfterRead(String key, MemoryEntry entry, long currentTime, long currentDuration) {
            return currentDuration;
        }
    }
}
