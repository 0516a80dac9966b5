package io.quarkiverse.responsecache.runtime.coordination;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One request's part in computing a key that missed: it either leads the computation (runs the endpoint; the other
 * requests of this instance wait for its response) or follows the request that leads it. Created by
 * {@link MissCoordinator#join(String, long)}; only the coordinator changes it.
 */
public final class Computation {

    final String key;
    /** The flight this request leads or follows; null when coalescing is off. */
    final Flight flight;
    private final boolean leads;
    /** The fingerprint of what this request's lookup found under the key (see {@code StoreLookup}). */
    final String observed;
    /** Set while this request holds the distributed lock of its key. */
    volatile String lockToken;
    /** Set once the computation is over (its response handed over, or given up), so it ends only once. */
    final AtomicBoolean ended = new AtomicBoolean();

    Computation(String key, Flight flight, boolean leads, String observed) {
        this.key = key;
        this.flight = flight;
        this.leads = leads;
        this.observed = observed;
    }

    /**
     * Records the claim this request took before running the endpoint; a leader's followers may then also take its
     * response when their lookup saw what the claim left under the key.
     */
    public void claimed(String claim) {
        if (leads && flight != null) {
            flight.leaderClaim = claim;
        }
    }

    /** @return whether this request runs the endpoint for the key */
    public boolean leads() {
        return leads;
    }
}
