package io.quarkiverse.responsecache.runtime.store;

import io.smallrye.mutiny.Uni;

/** What an eviction waits for beyond the store's writes: with the near cache, every instance dropping its copies. */
public interface EvictionBarrier {

    /** @return completes once every copy of what was evicted before this call can no longer be answered */
    Uni<Void> pass();

    static EvictionBarrier none() {
        return () -> Uni.createFrom().voidItem();
    }
}
