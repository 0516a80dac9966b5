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
import io.vertx.core.buffer.Buffer;

/**
 * The endpoints run.sh measures with wrk. Each answers the same small body, so the rows differ only by what stands
 * between the request and that body.
 */
@Path("/bench")
@Produces(MediaType.TEXT_PLAIN)
public class BenchmarkResource {

    private final ReactiveRedisDataSource redis;
    private final ReactiveValueCommands<String, String> values;
    private final ReactiveValueCommands<String, byte[]> bytes;

    public BenchmarkResource(ReactiveRedisDataSource redis) {
        this.redis = redis;
        this.values = redis.value(String.class, String.class);
        this.bytes = redis.value(String.class, byte[].class);
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

    /** The ceiling for large bodies: a precomputed 64 KiB array, on the event loop. */
    @GET
    @Path("plain-64k")
    @NonBlocking
    public byte[] plain64k() {
        return Bodies.LARGE;
    }

    /** The floor of a Redis-backed 64 KiB hit as an application would write it: a GET through the byte[] codec. */
    @GET
    @Path("redis-get-64k")
    public Uni<byte[]> redisGet64k() {
        return bytes.get(Bodies.RAW_LARGE_KEY);
    }

    /** The same GET without the codec: the client's reply buffer handed to Quarkus REST as it is. */
    @GET
    @Path("redis-get-64k-buffer")
    public Uni<Buffer> redisGet64kBuffer() {
        return redis.execute("GET", Bodies.RAW_LARGE_KEY).map(reply -> reply.toBuffer().getDelegate());
    }

    /** A 64 KiB response, measured on hits only. */
    @GET
    @Path("response-cache-hit-64k")
    @ResponseCache(expire = 3600, namespace = "bench-large")
    public byte[] responseCacheHit64k() {
        return Bodies.LARGE;
    }

    /** The ceiling for 64 KiB of JSON: the precomputed array, on the event loop. */
    @GET
    @Path("json-64k")
    @Produces(MediaType.APPLICATION_JSON)
    @NonBlocking
    public byte[] json64k() {
        return Bodies.LARGE;
    }

    /**
     * 64 KiB of JSON behind the response cache, measured on hits. With compression on, the entry keeps its gzip form,
     * which a hit sends as it is.
     */
    @GET
    @Path("response-cache-hit-json-64k")
    @Produces(MediaType.APPLICATION_JSON)
    @ResponseCache(expire = 3600, namespace = "bench-json")
    public byte[] responseCacheHitJson64k() {
        return Bodies.LARGE;
    }

    /**
     * The same, as hits were served before entries kept a compressed form: a writer interceptor makes the cache send
     * the identity body, which the server then compresses on every request.
     */
    @GET
    @Path("recompressed-json-64k")
    @Produces(MediaType.APPLICATION_JSON)
    @ResponseCache(expire = 3600, namespace = "bench-json-recompressed")
    @PassThrough
    public byte[] recompressedJson64k() {
        return Bodies.LARGE;
    }

    /**
     * Bytes allocated so far by the live threads of this process: run.sh reads it before and after a load to report
     * what one request allocates, a cost that does not depend on how busy the machine is.
     */
    @GET
    @Path("allocated-bytes")
    @NonBlocking
    public String allocatedBytes() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory
                .getThreadMXBean();
        long total = 0;
        for (long allocated : threads.getThreadAllocatedBytes(threads.getAllThreadIds())) {
            total += Math.max(0, allocated);
        }
        return Long.toString(total);
    }
}
