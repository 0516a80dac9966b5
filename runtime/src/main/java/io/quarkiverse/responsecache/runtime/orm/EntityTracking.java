package io.quarkiverse.responsecache.runtime.orm;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.transaction.TransactionSynchronizationRegistry;

import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.persister.entity.EntityPersister;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.core.CurrentRequestManager;
import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;

import io.quarkiverse.responsecache.runtime.config.ResponseCacheConfig;
import io.quarkiverse.responsecache.runtime.endpoint.CachedEndpoints;
import io.quarkiverse.responsecache.runtime.endpoint.EndpointPolicy;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import io.quarkus.runtime.StartupEvent;

/**
 * Routes what Hibernate ORM reads to the request's computation ({@link EntityReads}) and what it writes to the
 * transaction ({@link TransactionWrites}), evicted once it commits.
 */
@Singleton
public class EntityTracking {

    private static final Logger LOG = Logger.getLogger(EntityTracking.class);

    private final EntityEvictions evictions;
    private final int maxRows;
    /** With the cache off on this instance ({@code quarkus.response-cache.enabled=false}), writes evict nothing. */
    private final boolean enabled;
    private final List<SessionFactoryImplementor> factories = new CopyOnWriteArrayList<>();
    private volatile EntityTables tables;
    private volatile TransactionSynchronizationRegistry transactions;
    /** Set by an auto-flush, which Hibernate runs before a query in a transaction: the next statement may be bulk. */
    private final ThreadLocal<Boolean> afterAutoFlush = new ThreadLocal<>();

    @Inject
    public EntityTracking(EntityEvictions evictions, ResponseCacheConfig config) {
        this.evictions = evictions;
        this.maxRows = config.hibernateOrm().maxRows();
        this.enabled = config.enabled();
    }

    /** Says once which cached endpoints are tracked, so a user sees what evicts itself. */
    void logTrackedEndpoints(@Observes StartupEvent start, CachedEndpoints endpoints) {
        List<String> tracked = new ArrayList<>();
        List<String> optedOut = new ArrayList<>();
        for (EndpointPolicy policy : endpoints.all()) {
            (policy.endpoint().trackEntities() ? tracked : optedOut).add(policy.endpoint().name());
        }
        if (!tracked.isEmpty() || !optedOut.isEmpty()) {
            LOG.infof("Response cache: entity tracking (Hibernate ORM) tags the entries of %s%s", tracked,
                    optedOut.isEmpty() ? "" : "; not of " + optedOut + " (trackEntities = false)");
        }
    }

    void track(SessionFactoryImplementor factory) {
        factories.add(factory);
        tables = null;
        evictions.entityNames(this::entityName);
    }

    /** @return the root entity name of {@code type} in the first persistence unit that maps it, or null */
    private String entityName(Class<?> type) {
        for (SessionFactoryImplementor factory : factories) {
            EntityPersister persister = factory.getMappingMetamodel().findEntityDescriptor(type);
            if (persister != null) {
                return EntityEventListener.entityName(persister);
            }
        }
        return null;
    }

    private EntityTables tables() {
        EntityTables known = tables;
        if (known == null) {
            // the mapping metamodel is complete only once the session factory is: built at the first statement
            known = tables = EntityTables.of(factories);
        }
        return known;
    }

    /** @return null outside a tracked computation */
    static EntityReads currentReads() {
        ManagedContext requestContext = Arc.container().requestContext();
        if (!requestContext.isActive()) {
            return null;
        }
        ResteasyReactiveRequestContext request = CurrentRequestManager.get();
        return request == null ? null : (EntityReads) request.getProperty(EntityReads.PROPERTY);
    }

    /** A row loaded: named only inside a tracked computation, since every load of the application comes here. */
    void loaded(EntityPersister persister, Object id) {
        EntityReads reads = currentReads();
        if (reads != null) {
            String entity = EntityEventListener.entityName(persister);
            if (EntityIds.comparable(id)) {
                reads.row(entity, id);
            } else {
                reads.queried(List.of(entity));
            }
        }
    }

    void autoFlushed() {
        afterAutoFlush.set(Boolean.TRUE);
    }

    /** A statement about to run: a query tags the current computation, a write its transaction. */
    void statement(String sql) {
        boolean bulk = afterAutoFlush.get() != null;
        if (bulk) {
            afterAutoFlush.remove();
        }
        EntityTables.Touched touched = tables().touched(sql);
        if (touched.entities().isEmpty()) {
            return;
        }
        EntityReads reads = currentReads();
        if (reads != null) {
            reads.queried(touched.entities());
        }
        if (touched.writes()) {
            List<String> tags = new ArrayList<>(touched.entities().size() * 2);
            for (String entity : touched.entities()) {
                tags.add(EntityTags.type(entity));
                if (bulk) {
                    // a bulk update or delete may change any row, including those read by id
                    tags.add(EntityTags.anyRow(entity));
                }
            }
            wrote(tags);
        }
    }

    /** A row written by an entity action: its own entries, and every query of its type. */
    void rowWritten(String entity, Object id) {
        wrote(EntityTags.ofWrittenRow(entity, id));
    }

    private void wrote(List<String> tags) {
        if (!enabled) {
            return;
        }
        TransactionWrites.of(transactions(), evictions, maxRows).addAll(tags);
    }

    private TransactionSynchronizationRegistry transactions() {
        TransactionSynchronizationRegistry registry = transactions;
        if (registry == null) {
            registry = transactions = Arc.container().instance(TransactionSynchronizationRegistry.class).get();
        }
        return registry;
    }
}
