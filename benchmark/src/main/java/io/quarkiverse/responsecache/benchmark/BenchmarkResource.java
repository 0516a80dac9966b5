package io.quarkiverse.responsecache.benchmark;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.quarkiverse.responsecache.ResponseCache;
import io.quarkus.cache.CacheResult;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.mutiny.Uni;

/**
 * The endpoints run.sh measures with wrk. Each answers the same small body, so the rows differ only by what stands
 * between the request and that body.
 */
@Path("/bench")
@Produces(MediaType.TEXT_PLAIN)
public class BenchmarkResource {

    private final ReactiveValueCommands<String, String> values;

    public BenchmarkResource(ReactiveRedisDataSource redis) {
        this.values = redis.value(String.class, String.class);
    }

    /** The ceiling: the framework alone, on the event loop, as a cache hit is. */
    @GET
    @Path("plain")
    @NonBlocking
    public String plain() {
        return Bodies.SMALL;
    }

    /** The floor of any Redis-backed cache: one GET through the same client, no cache logic at all. */
    @GET
    @Path("redis-get")
    public Uni<String> redisGet() {
        return values.get(Bodies.RAW_KEY);
    }

    /** Measured on hits only: run.sh fills the entry before measuring. */
    @GET
    @Path("response-cache-hit")
    @ResponseCache(expire = 3600, namespace = "bench-small")
    public String responseCacheHit() {
        return Bodies.SMALL;
    }

    /** The same endpoint written the way a quarkus-cache user would: a blocking method, so a worker thread. */
    @GET
    @Path("cacheresult-hit")
    @CacheResult(cacheName = "bench-small")
    public String cacheResultHit() {
        return Bodies.SMALL;
    }

    /** quarkus-cache's best case: a {@code Uni}, so its Redis GET stays on the event loop like a response-cache hit. */
    @GET
    @Path("cacheresult-uni-hit")
    @CacheResult(cacheName = "bench-small-uni")
    public Uni<String> cacheResultUniHit() {
        return Uni.createFrom().item(Bodies.SMALL);
    }

    /** An endpoint worth caching: about 20 ms of work on a worker thread. */
    @GET
    @Path("expensive-uncached")
    @Blocking
    public String expensiveUncached() {
        return Bodies.expensive();
    }

    /** The same work behind the response cache, measured on hits. */
    @GET
    @Path("expensive-cached")
    @ResponseCache(expire = 3600, namespace = "bench-expensive")
    public String expensiveCached() {
        return Bodies.expensive();
    }
}
