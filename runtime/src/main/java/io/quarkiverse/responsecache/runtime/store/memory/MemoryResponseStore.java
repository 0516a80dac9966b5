package io.quarkiverse.responsecache.runtime.store.memory;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.github.benmanes.caffeine.cache.Ticker;

import io.quarkiverse.responsecache.runtime.store.Lazy;
import io.quarkiverse.responsecache.spi.ResponseCacheClock;
import io.quarkiverse.responsecache.spi.ResponseStore;
import io.smallrye.mutiny.Uni;

/**
 * The store of an application without Redis: a Caffeine cache bounded in bytes, with Redis's TTLs, indexes, claims and
 * locks. See architecture.adoc, section "Indexes and evictions".
 */
public class MemoryResponseStore implements ResponseStore {

    public static final int DEFAULT_HEAP_SHARE_PERCENT = 10;

    /** Built on first use, so that an application that never caches loads no Caffeine at startup. */
    private final Lazy<MemoryEntries> entries;
    private final Lazy<MemoryLocks> locks;
    private final Lazy<MemoryCounters> counters;

    /** @param clock entries and locks expire on its monotonic time */
    public MemoryResponseStore(long maxBytes, ResponseCacheClock clock) {
        Ticker ticker = clock::nanoTime;
        this.entries = new Lazy<>(() -> new MemoryEntries(maxBytes, ticker));
        this.locks = new Lazy<>(() -> new MemoryLocks(ticker));
        this.counters = new Lazy<>(() -> new MemoryCounters(ticker));
    }

    public static long defaultMaxBytes(long maxHeapBytes) {
        return maxHeapBytes / 100 * DEFAULT_HEAP_SHARE_PERCENT;
    }

    @Override
    public Uni<byte[]> get(String key) {
        return Uni.createFrom().item(() -> entries.get().get(key));
    }

    @Override
    public Uni<Void> put(String key, byte[] entry, Duration timeToLive, Map<String, String> memberships) {
        return Uni.createFrom().item(() -> {
            entries.get().put(key, entry, timeToLive, memberships);
            return null;
        });
    }

    @Override
    public Uni<String> claim(String key, Duration timeToLive, Map<String, String> memberships) {
        return Uni.createFrom().item(() -> entries.get().claim(key, timeToLive, memberships));
    }

    @Override
    public Uni<Boolean> putIfClaimed(String key, String claim, byte[] entry, Duration timeToLive,
            Map<String, String> memberships) {
        return Uni.createFrom().item(() -> entries.get().putIfClaimed(key, claim, entry, timeToLive, memberships));
    }

    /** The entry keeps its memberships and its deadline, brought forward to {@code atMost} from now. */
    @Override
    public Uni<Boolean> replaceIfUnchanged(String key, String fingerprint, byte[] entry, Duration atMost) {
        return Uni.createFrom().item(() -> entries.get().replaceIfUnchanged(key, fingerprint, entry, atMost));
    }

    @Override
    public Uni<Void> release(String key, String claim) {
        return Uni.createFrom().item(() -> {
            entries.get().release(key, claim);
            return null;
        });
    }

    @Override
    public Uni<Void> index(String index, String member, Duration timeToLive) {
        return Uni.createFrom().item(() -> {
            entries.get().index(index, member);
            return null;
        });
    }

    @Override
    public Uni<Long> delete(String key) {
        return Uni.createFrom().item(() -> entries.get().tombstone(key, null) ? 1L : 0L);
    }

    @Override
    public Uni<Set<String>> members(String index) {
        return Uni.createFrom().item(() -> entries.get().members(index));
    }

    @Override
    public Uni<Long> evictIndex(String index) {
        return Uni.createFrom().item(() -> {
            long evicted = 0;
            for (String member : entries.get().members(index)) {
                if (entries.get().tombstone(member, index)) {
                    evicted++;
                }
            }
            return evicted;
        });
    }

    @Override
    public Uni<Boolean> tryLock(String lockKey, String token, Duration lease) {
        return Uni.createFrom().item(() -> locks.get().tryLock(lockKey, token, MemoryEntries.saturatedNanos(lease)));
    }

    @Override
    public Uni<Void> unlock(String lockKey, String token) {
        return Uni.createFrom().item(() -> {
            locks.get().unlock(lockKey, token);
            return null;
        });
    }

    @Override
    public Uni<Long> increment(String key) {
        return Uni.createFrom().item(() -> counters.get().increment(key));
    }

    @Override
    public Uni<Void> raise(String key, long value, Duration timeToLive) {
        return Uni.createFrom().item(() -> {
            counters.get().raise(key, value, timeToLive);
            return null;
        });
    }

    @Override
    public Uni<List<Long>> counters(List<String> keys) {
        return Uni.createFrom().item(() -> counters.get().read(keys));
    }

    public long weightedSize() {
        return entries.get().weightedSize();
    }

    /** Expired entries not yet dropped included. */
    public long size() {
        return entries.get().size();
    }

    int indexCount() {
        return entries.get().indexCount();
    }

    @Override
    public String tier() {
        return "memory";
    }
}
