package io.quarkiverse.responsecache.runtime.management;

import java.util.Locale;

/** What an operator's purge names. */
public enum PurgeTarget {
    KEY,
    TAG,
    NAMESPACE,
    /** Every entry of a URL path, whatever its query, varying headers or media type. */
    URL,
    ALL;

    /** @return the name of the query parameter that selects this target */
    public String parameter() {
        return name().toLowerCase(Locale.ROOT);
    }
}
