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
 * The {@link ResponseStore} as requests use it: calls bounded in time and judged by a breaker each for lookups and
 * writes ({@link StoreCalls}), entries passed through the {@link EntryCodec}, so an undecodable entry is a miss.
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

    /** Not reported to the breaker: a slow first connection on a busy start is no incident a request saw. */
    void onStart(@Observes StartupEvent start) {
        if (store instanceof MemoryResponseStore) {
            return; // nothing to connect to
        }
        calls.withinWriteTimeout(store.warmUp()).subscribe().with(ready -> {
        }, failure -> LOG.debugf("The response cache store did not warm up (%s); the first lookups will tell",
                failure.toString()));
    }

    public boolean available() {
        return calls.lookups().allowsCall();
    }

    /** One write per open period is let through as the breaker's probe: call this only when about to write. */
    public boolean acceptsWrites() {
        return calls.writes().allowsCall();
    }

    public boolean isOpen() {
        return calls.lookups().isOpen();
    }

    public Uni<CachedResponse> get(String key) {
        return lookup(key).map(StoreLookup::response);
    }

    /** @return what the key holds, with the bytes read, so that a miss can tell later whether the key changed since */
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

    /** Bounded by the lookup timeout, since the request waits for it, but judged by the writes' breaker. */
    public Uni<String> claim(String key, Duration timeToLive, Map<String, String> memberships) {
        return calls.awaitedWrite("claim", store.claim(key, timeToLive, memberships));
    }

    /** @return false when the key changed since its claim (an eviction) */
    public Uni<Boolean> putIfClaimed(String key, String claim, CachedResponse response, Duration timeToLive,
            Map<String, String> memberships) {
        return calls.write("put", store.putIfClaimed(key, claim, codec.encode(key, response), timeToLive, memberships));
    }

    /** A failure is reported, not raised; as for {@link #unlock}, a success says nothing about whether writes work. */
    public Uni<Void> release(String key, String claim) {
        return calls.deleting("release", store.release(key, claim));
    }

    public Uni<Void> index(String index, String member, Duration timeToLive) {
        return calls.write("index", store.index(index, member, timeToLive));
    }

    public Uni<Void> put(String key, CachedResponse response, Duration timeToLive, Map<String, String> memberships) {
        return calls.write("put", store.put(key, codec.encode(key, response), timeToLive, memberships));
    }

    public Uni<Boolean> replaceIfUnchanged(String key, StoreLookup read, CachedResponse response, Duration atMost) {
        return calls.write("put", store.replaceIfUnchanged(key, read.fingerprint(), codec.encode(key, response),
                atMost));
    }

    public Uni<Boolean> tryLock(String lockKey, String token, Duration lease) {
        return calls.awaitedWrite("lock", store.tryLock(lockKey, token, lease));
    }

    /** A failure is reported, not raised: the lease ends the lock anyway. A full store still deletes. */
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

    /** Never judged by a breaker: a store may not have counters at all. */
    public Uni<Long> increment(String key) {
        return calls.withinWriteTimeout(store.increment(key));
    }

    public Uni<Void> raise(String key, long value, Duration timeToLive) {
        return calls.withinWriteTimeout(store.raise(key, value, timeToLive));
    }

    public Uni<List<Long>> counters(List<String> keys) {
        return calls.withinLookupTimeout(store.counters(keys));
    }

    /** For health checks; not reported to the breaker, so probing never changes what requests do. */
    public Uni<Void> probe() {
        return calls.withinLookupTimeout(store.warmUp());
    }

    public String tier() {
        return tier;
    }

    public StoreHealth health() {
        return calls.lookups();
    }

    /** Open while the store answers lookups but refuses writes. */
    public StoreHealth writesHealth() {
        return calls.writes();
    }
}
