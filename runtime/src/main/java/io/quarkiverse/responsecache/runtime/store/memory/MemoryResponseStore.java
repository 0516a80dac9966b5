package io.quarkiverse.responsecache.runtime.store.memory;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Policy;
import com.github.benmanes.caffeine.cache.RemovalCause;
import com.github.benmanes.caffeine.cache.Ticker;

import io.quarkiverse.responsecache.runtime.store.ResponseStore;
import io.quarkiverse.responsecache.runtime.time.ResponseCacheClock;
import io.smallrye.mutiny.Uni;

/**
 * The store of an application without Redis: entries in this process's heap, in a Caffeine cache bounded in bytes,
 * with the same TTLs, indexes and locks as Redis, so that caching, headers and invalidation behave the same. Entries
 * are not shared between instances and do not survive a restart.
 * <p>
 * The bound counts what an entry holds ({@link MemoryEntry#weight()}), so a few large bodies cannot exhaust the heap.
 * When it is reached, Caffeine evicts the entries least likely to be used again (W-TinyLFU, frequency-aware: a one-off
 * response may be refused room rather than push out a popular one). Expiry follows each entry's own TTL on the cache's
 * clock. Whatever leaves the cache, explicitly, by expiry or for room, leaves the indexes in the same atomic step, so
 * the indexes list only live entries and stay as bounded as the entries.
 * <p>
 * Operations run when their {@code Uni} is subscribed to, and never wait on I/O: Caffeine's upkeep runs on the calling
 * thread, in short steps, instead of on a shared pool.
 */
public class MemoryResponseStore implements ResponseStore {

    /** The share of the maximum heap the store may hold when {@code memory.max-size} is not set. */
    public static final int DEFAULT_HEAP_SHARE_PERCENT = 10;

    private final ResponseCacheClock clock;
    private final MemoryIndexes indexes = new MemoryIndexes();
    private final Cache<String, MemoryEntry> entries;
    private final MemoryLocks locks;

    /**
     * @param maxBytes the most the entries may weigh together, see {@link MemoryEntry#weight()}
     * @param clock the cache's clock: entries and locks expire on its monotonic time
     */
    public MemoryResponseStore(long maxBytes, ResponseCacheClock clock) {
        this.clock = clock;
        Ticker ticker = clock::nanoTime;
        this.entries = Caffeine.newBuilder()
                .maximumWeight(maxBytes)
                .weigher((String key, MemoryEntry entry) -> entry.weight())
                .expireAfter(new EntryExpiry())
                .ticker(ticker)
                .executor(Runnable::run)
                // called inside the eviction's atomic step, unlike a removal listener, so no reader sees the entry gone
                // and still indexed
                .evictionListener((String key, MemoryEntry entry, RemovalCause cause) -> {
                    if (key != null && entry != null) {
                        indexes.removeEntry(key, entry.memberships());
                    }
                })
                .build();
        this.locks = new MemoryLocks(ticker);
    }

    /** @return the default bound: {@value #DEFAULT_HEAP_SHARE_PERCENT}% of {@code maxHeapBytes} */
    public static long defaultMaxBytes(long maxHeapBytes) {
        return maxHeapBytes / 100 * DEFAULT_HEAP_SHARE_PERCENT;
    }

    @Override
    public Uni<byte[]> get(String key) {
        return Uni.createFrom().item(() -> {
            MemoryEntry entry = entries.getIfPresent(key);
            if (entry != null) {
                return entry.value();
            }
            // an expired entry is invisible at once but leaves only when Caffeine's timer reaches it: drop it now, so
            // that no index lists an entry a read has already found gone
            entries.asMap().computeIfPresent(key, (k, live) -> live);
            return null;
        });
    }

    @Override
    public Uni<Void> put(String key, byte[] entry, Duration timeToLive, Map<String, String> memberships) {
        return Uni.createFrom().item(() -> {
            long now = clock.nanoTime();
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
            return null;
        });
    }

    @Override
    public Uni<Long> delete(String key) {
        return Uni.createFrom().item(() -> {
            boolean[] removed = new boolean[1];
            // an expired entry reaches Caffeine's eviction listener instead of this function: it no longer existed
            entries.asMap().computeIfPresent(key, (k, live) -> {
                indexes.removeEntry(k, live.memberships());
                removed[0] = true;
                return null;
            });
            return removed[0] ? 1L : 0L;
        });
    }

    @Override
    public Uni<Set<String>> members(String index) {
        return Uni.createFrom().item(() -> indexes.snapshot(index));
    }

    @Override
    public Uni<Long> evictIndex(String index) {
        return Uni.createFrom().item(() -> {
            long evicted = 0;
            for (String member : indexes.snapshot(index)) {
                boolean[] removed = new boolean[1];
                entries.asMap().compute(member, (k, live) -> {
                    if (live != null) {
                        indexes.removeEntry(k, live.memberships());
                        removed[0] = true;
                    }
                    // a member that is no entry (a namespace in the registry) leaves this index only
                    indexes.removeMember(index, k);
                    return null;
                });
                if (removed[0]) {
                    evicted++;
                }
            }
            return evicted;
        });
    }

    @Override
    public Uni<Boolean> tryLock(String lockKey, String token, Duration lease) {
        return Uni.createFrom().item(() -> locks.tryLock(lockKey, token, saturatedNanos(lease)));
    }

    @Override
    public Uni<Void> unlock(String lockKey, String token) {
        return Uni.createFrom().item(() -> {
            locks.unlock(lockKey, token);
            return null;
        });
    }

    /** @return what the entries weigh together now, at most the bound given at construction */
    public long weightedSize() {
        entries.cleanUp();
        return entries.policy().eviction().map(Policy.Eviction::weightedSize).orElseThrow().orElseThrow();
    }

    /** @return how many entries are held now, expired ones not yet dropped included */
    public long size() {
        return entries.estimatedSize();
    }

    /** @return how many tag and namespace indexes exist now */
    int indexCount() {
        return indexes.count();
    }

    /** A duration in nanoseconds, capped far beyond any TTL instead of overflowing. */
    static long saturatedNanos(Duration duration) {
        long capped = Duration.ofDays(365 * 100).toNanos();
        return duration.compareTo(Duration.ofNanos(capped)) > 0 ? capped : duration.toNanos();
    }

    /** Each entry expires at the deadline it was stored with; reading it does not extend it. */
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

    @Override
    public String tier() {
        return "memory";
    }
}
