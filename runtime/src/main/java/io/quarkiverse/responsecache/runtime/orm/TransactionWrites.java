package io.quarkiverse.responsecache.runtime.orm;

import java.util.Collection;
import java.util.HashSet;
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
    private final int maxRows;
    private final Set<String> tags = ConcurrentHashMap.newKeySet();

    private TransactionWrites(EntityEvictions evictions, int maxRows) {
        this.evictions = evictions;
        this.maxRows = maxRows;
    }

    /** @return the writes of the transaction of this thread, registered with it the first time */
    static TransactionWrites of(TransactionSynchronizationRegistry registry, EntityEvictions evictions, int maxRows) {
        if (registry.getTransactionKey() == null) {
            // no transaction to wait for (a write Hibernate ran without one): evicted at once
            return new TransactionWrites(evictions, maxRows) {
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
            writes = new TransactionWrites(evictions, maxRows);
            registry.putResource(RESOURCE, writes);
            registry.registerInterposedSynchronization(writes);
        }
        return writes;
    }

    void addAll(Collection<String> written) {
        tags.addAll(written);
    }

    /** Beyond {@code maxRows} rows, their types and any-row tags: a large import evicts a few indexes, not one per row. */
    static Set<String> bounded(Set<String> tags, int maxRows) {
        long rows = tags.stream().filter(tag -> tag.indexOf('#') > 0).count();
        if (rows <= maxRows) {
            return Set.copyOf(tags);
        }
        Set<String> types = new HashSet<>();
        for (String tag : tags) {
            int hash = tag.indexOf('#');
            String entity = (hash > 0 ? tag.substring(0, hash) : tag).substring(EntityTags.PREFIX.length());
            types.addAll(EntityTags.ofWrittenType(entity));
        }
        return types;
    }

    @Override
    public void beforeCompletion() {
    }

    @Override
    public void afterCompletion(int status) {
        if (status == Status.STATUS_COMMITTED && !tags.isEmpty()) {
            evictions.evictAndWait(bounded(tags, maxRows));
        }
    }
}
