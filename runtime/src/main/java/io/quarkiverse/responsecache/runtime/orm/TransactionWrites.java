package io.quarkiverse.responsecache.runtime.orm;

import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

/**
 * The tags one transaction's writes evict, collected as Hibernate flushes and evicted after the transaction
 * committed (never after a rollback), on the thread that committed it, before that thread goes on: a write's
 * response waits for its evictions.
 */
class TransactionWrites implements Synchronization {

    private static final Object RESOURCE = TransactionWrites.class;

    private final EntityEvictions evictions;
    private final Set<String> tags = ConcurrentHashMap.newKeySet();

    private TransactionWrites(EntityEvictions evictions) {
        this.evictions = evictions;
    }

    /** @return the writes of the transaction of this thread, registered with it the first time */
    static TransactionWrites of(TransactionSynchronizationRegistry registry, EntityEvictions evictions) {
        if (registry.getTransactionKey() == null) {
            // no transaction to wait for (a write Hibernate ran without one): evicted at once
            return new TransactionWrites(evictions) {
                @Override
                void addAll(Collection<String> written) {
                    evictions.evict(written).subscribe().with(evicted -> {
                    }, failure -> {
                    });
                }
            };
        }
        TransactionWrites writes = (TransactionWrites) registry.getResource(RESOURCE);
        if (writes == null) {
            writes = new TransactionWrites(evictions);
            registry.putResource(RESOURCE, writes);
            registry.registerInterposedSynchronization(writes);
        }
        return writes;
    }

    void addAll(Collection<String> written) {
        tags.addAll(written);
    }

    @Override
    public void beforeCompletion() {
    }

    @Override
    public void afterCompletion(int status) {
        if (status == Status.STATUS_COMMITTED && !tags.isEmpty()) {
            evictions.evictAndWait(Set.copyOf(tags));
        }
    }
}
