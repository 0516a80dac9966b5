package io.quarkiverse.responsecache.runtime.store;

import io.smallrye.mutiny.Uni;

/**
 * What an eviction waits for before it completes, beyond the store's own writes: with the near cache, that every
 * instance's copies of what was evicted are gone.
 */
public interface EvictionBarrier {

    /** @return completes once every copy of what was evicted before this call can no longer be answered */
    Uni<Void> pass();

    /** @return a barrier with nothing to wait for: the memory store, or no near cache */
    static EvictionBarrier none() {
        return () -> Uni.createFrom().voidItem();
    }
}
