package io.quarkiverse.responsecache.deployment;

import java.util.Set;

import io.quarkus.builder.item.SimpleBuildItem;

/** The configuration names of every cached endpoint of the application. */
final class CachedEndpointNamesBuildItem extends SimpleBuildItem {

    private final Set<String> names;

    CachedEndpointNamesBuildItem(Set<String> names) {
        this.names = names;
    }

    Set<String> names() {
        return names;
    }
}
