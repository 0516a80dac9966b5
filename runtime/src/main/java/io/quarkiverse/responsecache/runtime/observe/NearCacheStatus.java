package io.quarkiverse.responsecache.runtime.observe;

import jakarta.enterprise.inject.Instance;

/**
 * The state of this instance's near cache (an in-memory tier in front of Redis), for metrics, health and the Dev UI.
 * A near cache publishes it as a bean; without such a bean these integrations report no near cache.
 */
public interface NearCacheStatus {

    /** @return the near cache the application publishes, if it has one and runs it; otherwise null */
    static NearCacheStatus active(Instance<NearCacheStatus> published) {
        return published.isResolvable() && published.get().inUse() ? published.get() : null;
    }

    /** @return whether this application runs a near cache at all */
    default boolean inUse() {
        return true;
    }

    /** @return whether the near cache currently receives Redis's invalidations, so what it holds can be trusted */
    boolean coherent();

    /** @return how many entries it holds */
    long entries();

    /** @return how many bytes its entries take */
    long bytes();

    /** Empties this instance's near cache; Redis keeps its entries. */
    void clear();
}
