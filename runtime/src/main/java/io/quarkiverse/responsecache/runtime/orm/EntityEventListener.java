package io.quarkiverse.responsecache.runtime.orm;

import org.hibernate.HibernateException;
import org.hibernate.event.spi.AbstractCollectionEvent;
import org.hibernate.event.spi.AutoFlushEvent;
import org.hibernate.event.spi.AutoFlushEventListener;
import org.hibernate.event.spi.LoadEvent;
import org.hibernate.event.spi.LoadEventListener;
import org.hibernate.event.spi.PostCollectionRecreateEvent;
import org.hibernate.event.spi.PostCollectionRecreateEventListener;
import org.hibernate.event.spi.PostCollectionRemoveEvent;
import org.hibernate.event.spi.PostCollectionRemoveEventListener;
import org.hibernate.event.spi.PostCollectionUpdateEvent;
import org.hibernate.event.spi.PostCollectionUpdateEventListener;
import org.hibernate.event.spi.PostDeleteEvent;
import org.hibernate.event.spi.PostDeleteEventListener;
import org.hibernate.event.spi.PostInsertEvent;
import org.hibernate.event.spi.PostInsertEventListener;
import org.hibernate.event.spi.PostLoadEvent;
import org.hibernate.event.spi.PostLoadEventListener;
import org.hibernate.event.spi.PostUpdateEvent;
import org.hibernate.event.spi.PostUpdateEventListener;
import org.hibernate.persister.entity.EntityPersister;

/**
 * Hibernate's loads, writes and auto-flushes, told to {@link EntityTracking}. Loads by id are bracketed, so the
 * statement loading a row is not taken for a query of its type.
 */
final class EntityEventListener implements PostLoadEventListener, PostInsertEventListener, PostUpdateEventListener,
        PostDeleteEventListener, PostCollectionRecreateEventListener, PostCollectionUpdateEventListener,
        PostCollectionRemoveEventListener, AutoFlushEventListener {

    private final EntityTracking tracking;

    EntityEventListener(EntityTracking tracking) {
        this.tracking = tracking;
    }

    static String entityName(EntityPersister persister) {
        return persister.getRootEntityDescriptor().getEntityPersister().getJpaEntityName();
    }

    @Override
    public void onPostLoad(PostLoadEvent event) {
        tracking.loaded(event.getPersister(), event.getId());
    }

    @Override
    public void onPostInsert(PostInsertEvent event) {
        tracking.rowWritten(entityName(event.getPersister()), event.getId());
    }

    @Override
    public void onPostUpdate(PostUpdateEvent event) {
        tracking.rowWritten(entityName(event.getPersister()), event.getId());
    }

    @Override
    public void onPostDelete(PostDeleteEvent event) {
        tracking.rowWritten(entityName(event.getPersister()), event.getId());
    }

    @Override
    public boolean requiresPostCommitHandling(EntityPersister persister) {
        return false;
    }

    @Override
    public void onPostRecreateCollection(PostCollectionRecreateEvent event) {
        ownerWritten(event);
    }

    @Override
    public void onPostUpdateCollection(PostCollectionUpdateEvent event) {
        ownerWritten(event);
    }

    @Override
    public void onPostRemoveCollection(PostCollectionRemoveEvent event) {
        ownerWritten(event);
    }

    private void ownerWritten(AbstractCollectionEvent event) {
        Object owner = event.getAffectedOwnerIdOrNull();
        String entity = event.getSession().getFactory().getMappingMetamodel()
                .getEntityDescriptor(event.getAffectedOwnerEntityName()).getRootEntityDescriptor().getEntityPersister()
                .getJpaEntityName();
        tracking.rowWritten(entity, owner == null ? new Object() : owner);
    }

    @Override
    public void onAutoFlush(AutoFlushEvent event) throws HibernateException {
        tracking.autoFlushed();
    }

    /**
     * A load by id, bracketed: {@link LoadStarts} is prepended to Hibernate's own load listener, {@link LoadEnds}
     * appended (Hibernate rejects two listeners of one class in a group).
     */
    abstract static sealed class LoadBracket implements LoadEventListener permits LoadStarts, LoadEnds {

        @Override
        public void onLoad(LoadEvent event, LoadType loadType) {
            EntityReads reads = EntityTracking.currentReads();
            String entity = reads == null ? null : loadedEntity(event);
            if (entity != null) {
                mark(reads, entity);
            }
        }

        abstract void mark(EntityReads reads, String entity);
    }

    static final class LoadStarts extends LoadBracket {
        @Override
        void mark(EntityReads reads, String entity) {
            reads.loadStarts(entity);
        }
    }

    static final class LoadEnds extends LoadBracket {
        @Override
        void mark(EntityReads reads, String entity) {
            reads.loadEnds(entity);
        }
    }

    private static String loadedEntity(LoadEvent event) {
        String entityClass = event.getEntityClassName();
        return entityClass == null ? null
                : entityName(event.getSession().getFactory().getMappingMetamodel().getEntityDescriptor(entityClass));
    }
}
