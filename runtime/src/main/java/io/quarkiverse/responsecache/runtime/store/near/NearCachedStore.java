package io.quarkiverse.responsecache.runtime.store.near;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.quarkiverse.responsecache.spi.ResponseStore;
import io.smallrye.mutiny.Uni;

/**
 * The Redis store filling the {@link NearCache} from each {@code GET}, and dropping copies on this instance's own
 * writes. See architecture.adoc, section "Keeping the near cache coherent".
 */
public class NearCachedStore implements ResponseStore {

    private final ResponseStore redis;
    private final NearCache near;

    public NearCachedStore(ResponseStore redis, NearCache near) {
        this.redis = redis;
        this.near = near;
    }

    @Override
    public Uni<byte[]> get(String key) {
        Object reservation = near.reserve(key);
        if (reservation == null) {
            return redis.get(key);
        }
        return redis.get(key).onItemOrFailure().invoke((value, failure) -> {
            if (failure == null) {
                near.fill(key, reservation, value);
            } else {
                near.release(key, reservation);
            }
        });
    }

    @Override
    public Uni<Void> put(String key, byte[] entry, Duration timeToLive, Map<String, String> memberships) {
        return redis.put(key, entry, timeToLive, memberships).onTermination().invoke(() -> near.invalidate(key));
    }

    /** A claim may write a placeholder under the key: the copy goes, as for any write. */
    @Override
    public Uni<String> claim(String key, Duration timeToLive, Map<String, String> memberships) {
        return redis.claim(key, timeToLive, memberships).onTermination().invoke(() -> near.invalidate(key));
    }

    @Override
    public Uni<Boolean> putIfClaimed(String key, String claim, byte[] entry, Duration timeToLive,
            Map<String, String> memberships) {
        return redis.putIfClaimed(key, claim, entry, timeToLive, memberships)
                .onTermination().invoke(() -> near.invalidate(key));
    }

    @Override
    public Uni<Boolean> replaceIfUnchanged(String key, String fingerprint, byte[] entry, Duration atMost) {
        return redis.replaceIfUnchanged(key, fingerprint, entry, atMost)
                .onTermination().invoke(() -> near.invalidate(key));
    }

    @Override
    public Uni<Void> release(String key, String claim) {
        return redis.release(key, claim).onTermination().invoke(() -> near.invalidate(key));
    }

    @Override
    public Uni<Void> index(String index, String member, Duration timeToLive) {
        return redis.index(index, member, timeToLive);
    }

    @Override
    public Uni<Long> delete(String key) {
        return redis.delete(key).onTermination().invoke(() -> near.invalidate(key));
    }

    @Override
    public Uni<Set<String>> members(String index) {
        return redis.members(index);
    }

    @Override
    public Uni<Long> evictIndex(String index) {
        return redis.evictIndex(index).onTermination().invoke(near::flush);
    }

    @Override
    public Uni<Boolean> tryLock(String lockKey, String token, Duration lease) {
        return redis.tryLock(lockKey, token, lease);
    }

    @Override
    public Uni<Void> unlock(String lockKey, String token) {
        return redis.unlock(lockKey, token);
    }

    @Override
    public Uni<Long> increment(String key) {
        return redis.increment(key);
    }

    @Override
    public Uni<Void> raise(String key, long value, Duration timeToLive) {
        return redis.raise(key, value, timeToLive);
    }

    @Override
    public Uni<List<Long>> counters(List<String> keys) {
        return redis.counters(keys);
    }

    @Override
    public Uni<Void> warmUp() {
        return redis.warmUp();
    }

    @Override
    public void checkConfiguration() {
        redis.checkConfiguration();
    }

    /** What reaches this store is served by Redis: hits on kept copies are counted under tier {@code near} elsewhere. */
    @Override
    public String tier() {
        return redis.tier();
    }
}
