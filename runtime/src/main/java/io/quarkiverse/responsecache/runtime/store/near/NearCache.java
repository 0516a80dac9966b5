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
 * The near tier: decoded copies of entries this instance read from Redis, answered without a round trip while Redis's
 * notifications say they have not changed. It only holds what it may serve: it is empty and answers nothing unless
 * {@link NearCacheTracking} confirmed that notifications arrive ({@link #enable()}).
 * <p>
 * Coherence follows the recipe of Redis's client-side caching: before each {@code GET} a reservation is put under
 * the key ({@link #reserve}); a notification for the key, or any flush, removes it; the {@code GET}'s value is kept
 * only if the reservation is still there when it arrives ({@link #fill}). A value read before a change whose
 * notification overtook the reply is therefore never kept. Each {@link #enable()} and flush starts a new generation:
 * reservations and copies of an older one never answer, even if they raced with the flush.
 */
@Singleton
public class NearCache {

    /** Roughly what a copy costs beyond its body and header text: the objects around them. */
    private static final int OVERHEAD_BYTES = 160;
    /** From this size on a copy also keeps its body outside the heap, which hits write without copying it. */
    static final int DIRECT_BODY_MIN_BYTES = 4096;

    /** Built when the tier is first enabled: with the near cache off, or the memory store, it never is. */
    private final Lazy<Cache<String, Slot>> slots;
    private final String trackedPrefix;
    private final long maxTtlMillis;
    private final ResponseCacheClock clock;
    private final AtomicLong generation = new AtomicLong();
    private volatile boolean coherent;
    /** Whether answering also needs a recent proof that notifications arrive in time ({@link #answerUntil}). */
    private volatile boolean leased;
    private volatile long answersUntilNanos;
    /** Decodes (and verifies, when entries are signed) what Redis returned. */
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

    /** @return the keys whose changes Redis must notify, {@code <prefix>:} (entries, not indexes) */
    public String trackedPrefix() {
        return trackedPrefix;
    }

    /**
     * @return the copy of {@code key} while it is fresh, within the near cache's time to live and notifications
     *         arrive; otherwise null (then ask Redis)
     */
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

    /**
     * Marks that a {@code GET} of {@code key} is about to be sent.
     *
     * @return the reservation to hand to {@link #fill} or {@link #release}, or null when the value is not to be kept
     */
    public Object reserve(String key) {
        long current = generation.get();
        if (!coherent || !key.startsWith(trackedPrefix)) {
            return null;
        }
        Reservation reservation = new Reservation(current);
        slots.get().put(key, reservation);
        return reservation;
    }

    /** Keeps the value a reserved {@code GET} returned, if nothing changed the key meanwhile and it is fresh. */
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

    /** Gives up a reservation whose {@code GET} failed. */
    public void release(String key, Object reservation) {
        if (reservation != null) {
            slots.get().asMap().remove(key, reservation);
        }
    }

    /** Drops the copy or reservation of a key that changed. */
    public void invalidate(String key) {
        slots.get().invalidate(key);
    }

    /** Drops everything (the database was flushed, or this instance evicted many keys); stays coherent. */
    public void flush() {
        generation.incrementAndGet();
        slots.get().invalidateAll();
    }

    /** Notifications arrive again ({@link NearCacheTracking} confirmed it): starts answering, from an empty tier. */
    public void enable() {
        generation.incrementAndGet();
        slots.get().invalidateAll();
        coherent = true;
    }

    /** Notifications may be missed: drops everything and answers nothing until {@link #enable()}. */
    public void disable() {
        coherent = false;
        generation.incrementAndGet();
        slots.get().invalidateAll();
    }

    /**
     * From now on the tier answers only until {@code nanos} ({@link System#nanoTime()}), moved on by each proof that
     * notifications arrive in time; what it holds stays, since every notification up to the proof was applied.
     */
    public void answerUntil(long nanos) {
        answersUntilNanos = nanos;
        leased = true;
    }

    /** @return whether the lease set by {@link #answerUntil} (if any) lets the tier answer at {@code nanos} */
    public boolean answersAt(long nanos) {
        return !leased || nanos - answersUntilNanos < 0;
    }

    /** @return whether the tier answers: notifications were confirmed and nothing since says they may be missed */
    public boolean coherent() {
        return coherent;
    }

    /** @return about how many keys the tier holds (copies and pending reservations) */
    public long entries() {
        return slots.get().estimatedSize();
    }

    /** @return about how many bytes the copies weigh */
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
