package io.quarkiverse.responsecache.runtime.metrics;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkiverse.responsecache.runtime.entry.EntryCodec;
import io.quarkiverse.responsecache.runtime.observe.NearCacheStatus;
import io.quarkiverse.responsecache.runtime.store.GuardedStore;
import io.quarkiverse.responsecache.runtime.store.StoreHealth;
import io.quarkus.runtime.StartupEvent;

/**
 * The gauges (breaker, refused signatures, the near cache's {@link NearCacheStatus}): a bean of their own, since the
 * store reports to {@link ResponseCacheMeters} and could not be injected there.
 */
@Singleton
public class ResponseCacheGauges {

    @Inject
    MeterRegistry registry;
    @Inject
    GuardedStore store;
    @Inject
    Instance<NearCacheStatus> nearCache;
    @Inject
    EntryCodec codec;

    void register(@Observes StartupEvent start) {
        StoreHealth health = store.health();
        Gauge.builder("response.cache.breaker.open", health, h -> h.isOpen() ? 1 : 0)
                .description("1 while the breaker skips the response cache's store, else 0")
                .tag("tier", store.tier())
                .strongReference(true)
                .register(registry);
        Gauge.builder("response.cache.write.breaker.open", store.writesHealth(), h -> h.isOpen() ? 1 : 0)
                .description("1 while the response cache's store refuses writes and new responses are not stored,"
                        + " else 0")
                .tag("tier", store.tier())
                .strongReference(true)
                .register(registry);
        if (codec.signs()) {
            FunctionCounter.builder("response.cache.entries.rejected", codec, EntryCodec::rejected)
                    .description("Entries read back whose signature did not verify: misses, overwritten by the next"
                            + " store")
                    .tag("tier", store.tier())
                    .register(registry);
        }
        NearCacheStatus near = NearCacheStatus.active(nearCache);
        if (near != null) {
            Gauge.builder("response.cache.near.coherent", near, n -> n.coherent() ? 1 : 0)
                    .description("1 while the near cache receives Redis's invalidations, else 0")
                    .strongReference(true)
                    .register(registry);
            Gauge.builder("response.cache.near.entries", near, NearCacheStatus::entries)
                    .description("Entries in this instance's near cache")
                    .strongReference(true)
                    .register(registry);
            Gauge.builder("response.cache.near.bytes", near, NearCacheStatus::bytes)
                    .description("Bytes of the entries in this instance's near cache")
                    .baseUnit("bytes")
                    .strongReference(true)
                    .register(registry);
        }
    }
}
