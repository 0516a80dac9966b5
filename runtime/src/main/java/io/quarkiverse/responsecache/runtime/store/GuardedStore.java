package io.quarkiverse.responsecache.runtime.store;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.quarkiverse.responsecache.runtime.config.ResponseCacheConfig;
import io.quarkiverse.responsecache.runtime.entry.CachedResponse;
import io.quarkiverse.responsecache.runtime.entry.EntryCodec;
import io.quarkiverse.responsecache.runtime.observe.ResponseCacheEvents;
import io.quarkiverse.responsecache.runtime.store.memory.MemoryResponseStore;
import io.quarkiverse.responsecache.spi.EntryMarks;
import io.quarkiverse.responsecache.spi.ResponseCacheClock;
import io.quarkiverse.responsecache.spi.ResponseStore;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;

/**
 * The {@link ResponseStore} as requests use it: every call bounded by a timeout, every outcome reported to a
 * {@link StoreHealth} whose breaker decides whether requests ask the store at all, and entries encoded and decoded by
 * the {@link EntryCodec} (an entry that does not decode, or whose signature fails, is a miss). Lookups and writes have
 * a breaker each ({@link StoreCalls}).
 */
@Singleton
public class GuardedStore {

    private static final Logger LOG = Logger.getLogger(GuardedStore.class);

    private final ResponseStore store;
    private final StoreCalls calls;
    private final ResponseCacheEvents events;
    private final String tier;
    private final EntryCodec codec;

    public GuardedStore(ResponseStore store, ResponseCacheConfig config, ResponseCacheClock clock) {
        this(store, config, clock, ResponseCacheEvents.none(), EntryCodec.unsigned());
    }

    @Inject
    public GuardedStore(ResponseStore store, ResponseCacheConfig config, ResponseCacheClock clock,
            ResponseCacheEvents events, EntryCodec codec) {
        this.store = store;
        this.codec = codec;
        this.events = events;
        this.tier = store.tier();
        this.calls = new StoreCalls(config, clock, events);
        // a store back from an outage may be another server (a failover), configured otherwise
        calls.lookups().onRecovery(store::checkConfiguration);
    }

    /**
     * Creates the store when the application starts, so its choice is logged then, and lets it warm up. The warm-up
     * is no request: its outcome is not reported to the breaker (a slow first connection on a busy start would
     * otherwise log an incident that no request saw), and the first lookups report a store that is really down.
     */
    void onStart(@Observes StartupEvent start) {
        if (store instanceof MemoryResponseStore) {
            return; // nothing to connect to
        }
        calls.withinWriteTimeout(store.warmUp()).subscribe().with(ready -> {
        }, failure -> LOG.debugf("The response cache store did not warm up (%s); the first lookups will tell",
                failure.toString()));
    }

    /** @return whether the store may be asked now, or the breaker says to bypass it */
    public boolean available() {
        return calls.lookups().allowsCall();
    }

    /**
     * @return whether an entry may be written now, or the writes' breaker says to skip it (one write per open period
     *         is let through as its probe: call this only when about to write)
     */
    public boolean acceptsWrites() {
        return calls.writes().allowsCall();
    }

    /** @return whether the lookups' breaker is open, without taking its probe */
    public boolean isOpen() {
        return calls.lookups().isOpen();
    }

    /**
     * @return the stored response, a null item on a miss or an undecodable entry, or a failure when the store did
     *         not answer within the lookup timeout
     */
    public Uni<CachedResponse> get(String key) {
        return lookup(key).map(StoreLookup::response);
    }

    /**
     * @return what the key holds, decoded when it is an entry (see {@link #get}), with the bytes read so that a miss
     *         can tell later whether the key changed since
     */
    public Uni<StoreLookup> lookup(String key) {
        Uni<byte[]> read;
        if (!events.observed()) {
            read = calls.lookup("get", store.get(key));
        } else {
            read = Uni.createFrom().deferred(() -> {
                long started = System.nanoTime();
                // a tombstone or a placeholder is no entry: the lookup found nothing
                return calls.lookup("get", store.get(key)).invoke(bytes -> events.lookedUp(tier,
                        System.nanoTime() - started, bytes != null && !EntryMarks.isMark(bytes)));
            });
        }
        return read.map(stored -> new StoreLookup(codec.decode(key, stored), stored));
    }

    /**
     * Claims a key before its computation runs (see {@link ResponseStore#claim}); bounded by the lookup timeout,
     * since the request waits for it. A claim is a write: judged by the writes' breaker.
     */
    public Uni<String> claim(String key, Duration timeToLive, Map<String, String> memberships) {
        return calls.awaitedWrite("claim", store.claim(key, timeToLive, memberships));
    }

    /** @return whether the entry was stored: false when the key changed since its claim (an eviction) */
    public Uni<Boolean> putIfClaimed(String key, String claim, CachedResponse response, Duration timeToLive,
            Map<String, String> memberships) {
        return calls.write("put", store.putIfClaimed(key, claim, codec.encode(key, response), timeToLive, memberships));
    }

    /**
     * Releases an unused claim (see {@link ResponseStore#release}); a failure is reported, not raised. As for
     * {@link #unlock}, its success says nothing about whether writes work.
     */
    public Uni<Void> release(String key, String claim) {
        return calls.deleting("release", store.release(key, claim));
    }

    /** Adds one member to an index (see {@link ResponseStore#index}). */
    public Uni<Void> index(String index, String member, Duration timeToLive) {
        return calls.write("index", store.index(index, member, timeToLive));
    }

    /** Writes an entry and its index memberships unconditionally (see {@link ResponseStore#put}). */
    public Uni<Void> put(String key, CachedResponse response, Duration timeToLive, Map<String, String> memberships) {
        return calls.write("put", store.put(key, codec.encode(key, response), timeToLive, memberships));
    }

    /**
     * Rewrites an entry read by {@link #lookup} if the key still holds what that lookup read (see
     * {@link ResponseStore#replaceIfUnchanged}).
     *
     * @return whether it was rewritten
     */
    public Uni<Boolean> replaceIfUnchanged(String key, StoreLookup read, CachedResponse response, Duration atMost) {
        return calls.write("put", store.replaceIfUnchanged(key, read.fingerprint(), codec.encode(key, response),
                atMost));
    }

    /** @return whether the lock was taken */
    public Uni<Boolean> tryLock(String lockKey, String token, Duration lease) {
        return calls.awaitedWrite("lock", store.tryLock(lockKey, token, lease));
    }

    /**
     * Releases a lock; a failure is reported, not raised: the lock's lease ends it anyway. Its success is not: a store
     * that refuses new data still deletes, so a release says nothing about whether writes work.
     */
    public Uni<Void> unlock(String lockKey, String token) {
        return calls.deleting("unlock", store.unlock(lockKey, token));
    }

    public Uni<Long> delete(String key) {
        return calls.counted("delete", store.delete(key));
    }

    public Uni<Set<String>> members(String index) {
        return calls.counted("evict", store.members(index));
    }

    public Uni<Long> evictIndex(String index) {
        return calls.counted("evict", store.evictIndex(index));
    }

    /**
     * The counters entity tracking orders writes by (see {@link ResponseStore#increment}): bounded in time, never
     * judged by a breaker, since a store may not have them at all.
     */
    public Uni<Long> increment(String key) {
        return calls.withinWriteTimeout(store.increment(key));
    }

    public Uni<Void> raise(String key, long value, Duration timeToLive) {
        return calls.withinWriteTimeout(store.raise(key, value, timeToLive));
    }

    public Uni<List<Long>> counters(List<String> keys) {
        return calls.withinLookupTimeout(store.counters(keys));
    }

    /**
     * Asks the store whether it answers, within the lookup timeout, for health checks. Not reported to the breaker:
     * a probe is no request, and probing must not change what requests do.
     */
    public Uni<Void> probe() {
        return calls.withinLookupTimeout(store.warmUp());
    }

    /** @return the tier this store is, as metrics and traces name it: {@code memory}, {@code redis}, or a custom name */
    public String tier() {
        return tier;
    }

    /** @return the breaker and the last failure, as health checks and consoles show them */
    public StoreHealth health() {
        return calls.lookups();
    }

    /** @return the writes' breaker: open while the store answers lookups but refuses writes (see the class) */
    public StoreHealth writesHealth() {
        return calls.writes();
    }
}
