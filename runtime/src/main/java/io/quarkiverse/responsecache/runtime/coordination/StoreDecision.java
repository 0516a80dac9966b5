package io.quarkiverse.responsecache.runtime.coordination;

import java.util.Map;
import java.util.Set;

import io.quarkiverse.responsecache.runtime.entry.CachedResponse;

/**
 * What becomes of a computed response, decided by {@link StoreDecisions}: the entry to store under {@link #key}, or
 * nothing. The key and its varied headers are the request's from now on, stored or not: a response's {@code Vary} may
 * have taught the endpoint a header even when something later refuses the response.
 *
 * @param key the entry's key: the request's, or a new one when the response's {@code Vary} named a header to learn
 * @param varied the headers learned from the endpoint's {@code Vary} that took part in {@code key}, lower case
 * @param entry what is stored, with its ETag, lifetime, replayed headers and body; null when nothing is stored
 * @param edgeTags the header that lists the entry's keys for the layers in front, sent with the response and stored
 *        in {@code entry}; null when none is configured or nothing is stored
 */
public record StoreDecision(String key, Set<String> varied, CachedResponse entry, Map.Entry<String, String> edgeTags) {

    static StoreDecision notStored(String key, Set<String> varied) {
        return new StoreDecision(key, varied, null, null);
    }

    /** @return whether the response is stored */
    public boolean stores() {
        return entry != null;
    }
}
