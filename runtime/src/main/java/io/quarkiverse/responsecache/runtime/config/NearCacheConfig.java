package io.quarkiverse.responsecache.runtime.config;

import java.time.Duration;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.WithDefault;

/**
 * The near cache: a copy of recently read Redis entries in this process's memory, kept coherent by Redis's
 * server-assisted client-side caching ({@code CLIENT TRACKING}).
 */
public interface NearCacheConfig {

    /**
     * Whether hits are answered from this process's memory when the entry was read from Redis before and has not
     * changed since. Redis tells every instance which keys under the prefix change ({@code CLIENT TRACKING ... BCAST}),
     * and the copy of a changed key is dropped; when that notification channel is lost or goes silent, the whole near
     * cache is dropped and stays off until it is back. Worth turning on when a few keys take most of the hits, or
     * bodies are large, and Redis is version 6 or later: a single server, a Sentinel-managed one, or a Redis Cluster
     * (followed over one connection per master). It stays off, with one warning, when reads may come from replicas
     * ({@code client-type=replication}, or {@code replicas} other than {@code never} on a cluster) and on a Redis that
     * refuses {@code CLIENT TRACKING}. It applies to the Redis store only.
     */
    @WithDefault("false")
    boolean enabled();

    /**
     * How many bytes of responses (bodies and headers) the near cache holds at most; the least used go first.
     */
    @WithDefault("64M")
    MemorySize maxSize();

    /**
     * The longest time a response is answered from the near cache after it was read from Redis, however long it
     * stays fresh. A bound on any staleness the notifications could miss; the entry is then read from Redis again.
     */
    @WithDefault("30s")
    Duration maxTtl();

    /**
     * How often each instance writes a canary key under the prefix and waits for Redis to notify it of that write:
     * the proof that notifications still arrive. On Redis Cluster, one canary per master, and the cluster's slots are
     * read again at the same pace.
     */
    @WithDefault("1s")
    Duration heartbeatInterval();

    /**
     * How long a canary's notification may take. When it does not arrive in time, the near cache is dropped and stays
     * off until a new notification connection is set up and confirmed.
     */
    @WithDefault("2s")
    Duration heartbeatTimeout();

    /**
     * How long an eviction waits, at most, for every other instance with a near cache to confirm that its copies of
     * the evicted keys are gone, before the eviction completes. It is also how long an instance answers from memory
     * after its last proof that Redis's notifications reach it without delay (a probe written through Redis and
     * notified back, sent every fifth of this time): an instance that lags more than this stops answering from memory
     * until it catches up, so an eviction that completes without its confirmation is never followed by an old copy.
     * Longer lets a busy instance lag more before it answers from Redis; a write waits this long only when an instance
     * does not confirm (it stopped, or lags).
     */
    @WithDefault("500ms")
    Duration acknowledgementTimeout();
}
