package io.quarkiverse.responsecache.runtime.edge;

import java.util.Collection;

import io.smallrye.mutiny.Uni;

/** Purges the HTTP caches in front of what an eviction removed; every eviction passes through it. */
public interface EdgePurge {

    /**
     * @param kind what the eviction named: {@code key}, {@code tag}, {@code namespace}, {@code url} or {@code all}
     * @param names the keys, tags, namespaces or URL paths it named
     * @param soft whether the layers may serve their copies once more while they fetch new ones (a soft purge)
     * @return completes once every layer answered, failed or ran out of time; never fails
     */
    Uni<Void> purge(String kind, Collection<String> names, boolean soft);

    static EdgePurge none() {
        return (kind, names, soft) -> Uni.createFrom().voidItem();
    }
}
