package io.quarkiverse.responsecache.runtime.edge;

import java.util.List;

import io.smallrye.mutiny.Uni;

/** One HTTP cache in front of the application, or one CDN, purged by key. */
interface EdgeLayer {

    /** @return how logs and metrics name it */
    String name();

    /** @return completes once the layer confirmed the purge of every key; fails otherwise */
    Uni<Void> purge(List<String> keys, boolean soft);
}
