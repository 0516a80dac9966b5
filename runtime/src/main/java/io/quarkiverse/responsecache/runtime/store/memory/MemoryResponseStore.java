package io.quarkiverse.responsecache.runtime.store.memory;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import io.quarkiverse.responsecache.runtime.store.ResponseStore;
import io.quarkiverse.responsecache.runtime.time.ResponseCacheClock;
import io.smallrye.mutiny.Uni;

/**
 * The store of an application without Redis: entries in this process's memory, bounded in number (least recently
 * used first out), with the same TTLs, indexes and locks as Redis, so that caching, headers and invalidation behave
 * the same. Entries are not shared between instances and do not survive a restart.
 * <p>
 * Every operation is a short critical section on this object, never I/O, so it does not block the event loop.
 */
public class MemoryResponseStore implements ResponseStore {

    private record Stored(byte[] value, long expiresAtMillis, Map<String, String> memberships) {
        boolean isExpired(long now) {
            return now >= expiresAtMillis;
        }
    }

    private record Lock(String token, long expiresAtMillis) {
    }

    private final ResponseCacheClock clock;
    private final LinkedHashMap<String, Stored> entries;
    private final Map<String, Set<String>> indexes = new HashMap<>();
    private final Map<String, Lock> locks = new HashMap<>();

    public MemoryResponseStore(int maxEntries, ResponseCacheClock clock) {
        this.clock = clock;
        this.entries = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Stored> eldest) {
                if (size() > maxEntries) {
                    unindex(eldest.getKey(), eldest.getValue());
                    return true;
                }
                return false;
            }
        };
    }

    @Override
    public Uni<byte[]> get(String key) {
        long now = clock.currentTimeMillis();
        synchronized (this) {
            Stored stored = entries.get(key);
            if (stored == null) {
                return Uni.createFrom().nullItem();
            }
            if (stored.isExpired(now)) {
                remove(key);
                return Uni.createFrom().nullItem();
            }
            return Uni.createFrom().item(stored.value());
        }
    }

    @Override
    public Uni<Void> put(String key, byte[] entry, Duration timeToLive, Map<String, String> memberships) {
        Stored stored = new Stored(entry, clock.currentTimeMillis() + timeToLive.toMillis(), Map.copyOf(memberships));
        synchronized (this) {
            remove(key);
            entries.put(key, stored);
            for (Map.Entry<String, String> membership : memberships.entrySet()) {
                indexes.computeIfAbsent(membership.getKey(), index -> new HashSet<>()).add(membership.getValue());
            }
        }
        return Uni.createFrom().voidItem();
    }

    @Override
    public Uni<Long> delete(String key) {
        long now = clock.currentTimeMillis();
        synchronized (this) {
            Stored removed = remove(key);
            return Uni.createFrom().item(removed != null && !removed.isExpired(now) ? 1L : 0L);
        }
    }

    @Override
    public synchronized Uni<Set<String>> members(String index) {
        return Uni.createFrom().item(Set.copyOf(indexes.getOrDefault(index, Set.of())));
    }

    @Override
    public Uni<Long> evictIndex(String index) {
        long now = clock.currentTimeMillis();
        long evicted = 0;
        synchronized (this) {
            Set<String> members = indexes.remove(index);
            if (members != null) {
                for (String member : members) {
                    Stored removed = remove(member);
                    if (removed != null && !removed.isExpired(now)) {
                        evicted++;
                    }
                }
            }
        }
        return Uni.createFrom().item(evicted);
    }

    @Override
    public Uni<Boolean> tryLock(String lockKey, String token, Duration lease) {
        long now = clock.currentTimeMillis();
        synchronized (this) {
            Lock held = locks.get(lockKey);
            if (held != null && held.expiresAtMillis() > now) {
                return Uni.createFrom().item(false);
            }
            locks.put(lockKey, new Lock(token, now + lease.toMillis()));
            return Uni.createFrom().item(true);
        }
    }

    @Override
    public synchronized Uni<Void> unlock(String lockKey, String token) {
        Lock held = locks.get(lockKey);
        if (held != null && held.token().equals(token)) {
            locks.remove(lockKey);
        }
        return Uni.createFrom().voidItem();
    }

    /** Removes an entry and its index memberships; the caller holds the monitor. */
    private Stored remove(String key) {
        Stored removed = entries.remove(key);
        if (removed != null) {
            unindex(key, removed);
        }
        return removed;
    }

    /** Drops the entry from the indexes that list it; memberships of other members (a namespace in the registry) stay. */
    private void unindex(String key, Stored stored) {
        for (Map.Entry<String, String> membership : stored.memberships().entrySet()) {
            if (!membership.getValue().equals(key)) {
                continue;
            }
            Set<String> members = indexes.get(membership.getKey());
            if (members != null && members.remove(membership.getValue()) && members.isEmpty()) {
                indexes.remove(membership.getKey());
            }
        }
    }
}
