package io.quarkiverse.responsecache.runtime.coordination;

import java.util.List;
import java.util.Map;

import io.quarkiverse.responsecache.runtime.endpoint.EndpointPolicy;
import io.quarkiverse.responsecache.runtime.orm.EntityReads;

/**
 * The claim one computation took on its key before running the endpoint (see {@code ResponseStore#claim}), taken and
 * used only by {@link KeyClaims}.
 */
public final class KeyClaim {

    final String key;
    final String token;
    final EndpointPolicy policy;
    /** The indexes the entry joins. */
    final Map<String, String> memberships;
    final long claimedAtNanos;
    /** What the computation reads through Hibernate ORM when its endpoint is tracked; else null. */
    final EntityReads reads;
    /** What a learned key's memberships are made of again. */
    final List<String> tags;
    final String path;
    /** Set once the response is being stored under the claim; otherwise the claim is released when the request ends. */
    volatile boolean storing;

    KeyClaim(String key, String token, EndpointPolicy policy, Map<String, String> memberships, EntityReads reads,
            List<String> tags, String path) {
        this.key = key;
        this.token = token;
        this.policy = policy;
        this.memberships = memberships;
        this.claimedAtNanos = System.nanoTime();
        this.reads = reads;
        this.tags = tags;
        this.path = path;
    }

    /** @return what the computation reads through Hibernate ORM, to be recorded as it runs; null when untracked */
    public EntityReads reads() {
        return reads;
    }
}
