package io.quarkiverse.responsecache.runtime.store.near;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.quarkiverse.responsecache.runtime.config.ResponseCacheConfig;
import io.quarkiverse.responsecache.runtime.entry.CachedResponse;
import io.quarkiverse.responsecache.runtime.entry.EntryCodec;
import io.quarkiverse.responsecache.runtime.store.Lazy;
import io.quarkiverse.responsecache.spi.ResponseCacheClock;

/**
 * The near tier: decoded copies of entries read from Redis, answered only while notifications are confirmed to arrive.
 * Reservations and generations keep a value read before a change out; see architecture.adoc, section "Keeping the
 * near cache coherent".
 */
@Singleton
public class NearCache {

    private static final int OVERHEAD_BYTES = 160;
    static final int DIRECT_BODY_MIN_BYTES = 4096;

    /** With the near cache off, or the memory store, never built. */
    private final Lazy<Cache<String, Slot>> slots;
    private final String trackedPrefix;
    private final long maxTtlMillis;
    private final ResponseCacheClock clock;
    private final AtomicLong generation = new AtomicLong();
    private volatile boolean coherent;
    private volatile boolean leased;
    private volatile long answersUntilNanos;
    private EntryCodec codec = EntryCodec.unsigned();

    @Inject
    public NearCache(ResponseCacheConfig config, ResponseCacheClock clock, EntryCodec codec) {
        this(config.prefix() + ":", config.nearCache().maxSize().asLongValue(), config.nearCache().maxTtl().toMillis(),
                clock);
        this.codec = codec;
    }

    NearCache(String trackedPrefix, long maxBytes, long maxTtlMillis, ResponseCacheClock clock) {
        this.trackedPrefix = trackedPrefix;
        this.maxTtlMillis = maxTtlMillis;
        this.clock = clock;
        this.slots = new Lazy<>(() -> Caffeine.newBuilder()
                .maximumWeight(maxBytes)
                .weigher((String key, Slot slot) -> slot.weight())
                // frees memory in real time; answering is bounded by each copy's deadline on the cache's clock
                .expireAfterWrite(java.time.Duration.ofMillis(Math.max(1, maxTtlMillis)))
                // upkeep on the calling thread: no pool thread to schedule, and tests see a settled state
                .executor(Runnable::run)
                .build());
    }

    public String trackedPrefix() {
        return trackedPrefix;
    }

    public CachedResponse hit(String key) {
        if (!coherent || !answersAt(System.nanoTime())) {
            return null;
        }
        Slot slot = slots.get().getIfPresent(key);
        if (!(slot instanceof Copy)) {
            return null;
        }
        Copy copy = (Copy) slot;
        if (copy.generation != generation.get()) {
            return null;
        }
        if (clock.currentTimeMillis() >= copy.deadlineMillis) {
            slots.get().asMap().remove(key, copy);
            return null;
        }
        return copy.response;
    }

    /** @return the reservation for {@link #fill} or {@link #release}, or null when the value is not to be kept */
    public Object reserve(String key) {
        long current = generation.get();
        if (!coherent || !key.startsWith(trackedPrefix)) {
            return null;
        }
        Reservation reservation = new Reservation(current);
        slots.get().put(key, reservation);
        return reservation;
    }

    public void fill(String key, Object reservation, byte[] encoded) {
        if (!(reservation instanceof Reservation)) {
            return;
        }
        Reservation reserved = (Reservation) reservation;
        CachedResponse response = encoded == null ? null : codec.decode(key, encoded);
        long now = clock.currentTimeMillis();
        if (response == null || !response.isFresh(now) || !coherent || reserved.generation != generation.get()) {
            slots.get().asMap().remove(key, reserved);
            return;
        }
        if (response.bodyLength() >= DIRECT_BODY_MIN_BYTES) {
            response = response.withDirectBody();
        }
        long deadline = Math.min(response.expiresAtMillis(), now + maxTtlMillis);
        slots.get().asMap().replace(key, reserved, new Copy(response, deadline, reserved.generation, weight(key, response)));
    }

    public void release(String key, Object reservation) {
        if (reservation != null) {
            slots.get().asMap().remove(key, reservation);
        }
    }

    public void invalidate(String key) {
        slots.get().invalidate(key);
    }

    /** Drops everything but stays coherent (a flush, or this instance evicted many keys). */
    public void flush() {
        generation.incrementAndGet();
        slots.get().invalidateAll();
    }

    public void enable() {
        generation.incrementAndGet();
        slots.get().invalidateAll();
        coherent = true;
    }

    public void disable() {
        coherent = false;
        generation.incrementAndGet();
        slots.get().invalidateAll();
    }

    /** What the tier holds stays: every notification up to the proof was applied. */
    public void answerUntil(long nanos) {
        answersUntilNanos = nanos;
        leased = true;
    }

    public boolean answersAt(long nanos) {
        return !leased || nanos - answersUntilNanos < 0;
    }

    public boolean coherent() {
        return coherent;
    }

    public long entries() {
        return slots.get().estimatedSize();
    }

    public long bytes() {
        return slots.get().policy().eviction().map(eviction -> eviction.weightedSize().orElse(0L)).orElse(0L);
    }

    private static int weight(String key, CachedResponse response) {
        long weight = OVERHEAD_BYTES + 2L * key.length() + response.source().length
                + (response.directBody() == null ? 0 : response.bodyLength())
                + (response.etag() == null ? 0 : 2L * response.etag().length());
        for (Map.Entry<String, String> header : response.headers()) {
            weight += 2L * (header.getKey().length() + header.getValue().length()) + 48;
        }
        return (int) Math.min(Integer.MAX_VALUE, weight);
    }

    private interface Slot {
        int weight();
    }

    /** A {@code GET} in flight; compared by identity, so one request's reservation never stands for another's. */
    private static final class Reservation implements Slot {
        final long generation;

        Reservation(long generation) {
            this.generation = generation;
        }

        @Override
        public int weight() {
            return 0;
        }
    }

    private static final class Copy implements Slot {
        final CachedResponse response;
        final long deadlineMillis;
        final long generation;
        final int weight;

        Copy(CachedResponse response, long deadlineMillis, long generation, int weight) {
            this.response = response;
            this.deadlineMillis = deadlineMillis;
            this.generation = generation;
            this.weight = weight;
        }

        @Override
        public int weight() {
            return weight;
        }
    }
}
