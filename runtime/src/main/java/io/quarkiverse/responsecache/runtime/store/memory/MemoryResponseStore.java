package io.quarkiverse.responsecache.runtime.store.memory;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Policy;
import com.github.benmanes.caffeine.cache.RemovalCause;
import com.github.benmanes.caffeine.cache.Ticker;

import io.quarkiverse.responsecache.spi.EntryMarks;
import io.quarkiverse.responsecache.spi.ResponseStore;
import io.quarkiverse.responsecache.spi.ResponseCacheClock;
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
 * Read-your-writes works as on Redis (see {@link ResponseStore#claim}): a claim indexes the key and puts a placeholder
 * in an empty key, an eviction writes a tombstone, and a store lands only if the key still holds what it claimed.
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
    private final MemoryCounters counters;

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
        this.counters = new MemoryCounters(ticker);
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

    /**
     * Read-your-writes as on Redis (see {@link ResponseStore#claim}): the key joins its indexes now, an empty key gets
     * a placeholder, and the claim is the fingerprint of what the key holds.
     */
    @Override
    public Uni<String> claim(String key, Duration timeToLive, Map<String, String> memberships) {
        return Uni.createFrom().item(() -> {
            long now = clock.nanoTime();
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
        });
    }

    @Override
    public Uni<Boolean> putIfClaimed(String key, String claim, byte[] entry, Duration timeToLive,
            Map<String, String> memberships) {
        return Uni.createFrom().item(() -> {
            long now = clock.nanoTime();
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
        });
    }

    /** The entry keeps its memberships and its deadline, brought forward to {@code atMost} from now. */
    @Override
    public Uni<Boolean> replaceIfUnchanged(String key, String fingerprint, byte[] entry, Duration atMost) {
        return Uni.createFrom().item(() -> {
            long latest = clock.nanoTime() + saturatedNanos(atMost);
            boolean[] replaced = new boolean[1];
            entries.asMap().computeIfPresent(key, (k, live) -> {
                if (!EntryMarks.fingerprint(live.value()).equals(fingerprint)) {
                    return live;
                }
                replaced[0] = true;
                return new MemoryEntry(k, entry, Math.min(live.expiresAtNanos(), latest), live.memberships());
            });
            return replaced[0];
        });
    }

    @Override
    public Uni<Void> release(String key, String claim) {
        return Uni.createFrom().item(() -> {
            entries.asMap().computeIfPresent(key, (k, live) -> {
                if (EntryMarks.isMark(live.value()) && EntryMarks.fingerprint(live.value()).equals(claim)) {
                    indexes.removeEntry(k, live.memberships());
                    return null;
                }
                return live;
            });
            return null;
        });
    }

    @Override
    public Uni<Void> index(String index, String member, Duration timeToLive) {
        return Uni.createFrom().item(() -> {
            indexes.add(Map.of(index, member));
            return null;
        });
    }

    /** Writes a tombstone where the entry was (see {@link EntryMarks}). */
    @Override
    public Uni<Long> delete(String key) {
        return Uni.createFrom().item(() -> tombstone(key, null) ? 1L : 0L);
    }

    /**
     * Replaces whatever {@code key} holds with a tombstone, and drops it from {@code index}, in one atomic step (a
     * claim of the key right after finds it out of the index and adds it again).
     *
     * @param index the index being evicted, or null
     * @return whether an entry (not a mark) was there
     */
    private boolean tombstone(String key, String index) {
        long now = clock.nanoTime();
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

    @Override
    public Uni<Set<String>> members(String index) {
        return Uni.createFrom().item(() -> indexes.snapshot(index));
    }

    @Override
    public Uni<Long> evictIndex(String index) {
        return Uni.createFrom().item(() -> {
            long evicted = 0;
            for (String member : indexes.snapshot(index)) {
                if (tombstone(member, index)) {
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
    @Override
    public Uni<Long> increment(String key) {
        return Uni.createFrom().item(() -> counters.increment(key));
    }

    @Override
    public Uni<Void> raise(String key, long value, Duration timeToLive) {
        return Uni.createFrom().item(() -> {
            counters.raise(key, value, timeToLive);
            return null;
        });
    }

    @Override
    public Uni<List<Long>> counters(List<String> keys) {
        return Uni.createFrom().item(() -> counters.read(keys));
    }

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
