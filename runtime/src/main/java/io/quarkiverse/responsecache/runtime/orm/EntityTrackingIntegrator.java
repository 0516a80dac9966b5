package io.quarkiverse.responsecache.runtime.orm;

import org.hibernate.boot.Metadata;
import org.hibernate.boot.spi.BootstrapContext;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.event.service.spi.EventListenerRegistry;
import org.hibernate.event.spi.EventType;
import org.hibernate.integrator.spi.Integrator;
import org.jboss.logging.Logger;

import io.quarkus.arc.Arc;
import io.quarkus.arc.ArcContainer;
import io.quarkus.arc.InstanceHandle;

/**
 * Registers entity tracking's listeners with each session factory, when the build wired tracking (the
 * {@link EntityTracking} bean exists). Found by Hibernate ORM through the service file of this jar.
 */
public class EntityTrackingIntegrator implements Integrator {

    private static final Logger LOG = Logger.getLogger(EntityTrackingIntegrator.class);

    @Override
    public void integrate(Metadata metadata, BootstrapContext bootstrapContext,
            SessionFactoryImplementor sessionFactory) {
        ArcContainer container = Arc.container();
        if (container == null) {
            return;
        }
        InstanceHandle<EntityTracking> handle = container.instance(EntityTracking.class);
        if (!handle.isAvailable()) {
            return;
        }
        EntityTracking tracking = handle.get();
        tracking.track(sessionFactory);
        if (!(sessionFactory.getSessionFactoryOptions().getStatementInspector() instanceof TrackingStatementInspector)) {
            LOG.warnf("Response cache: persistence unit '%s' has a statement inspector of its own (or is not the"
                    + " default unit), so entity tracking does not see its queries nor its bulk and native writes:"
                    + " lists of its entities are not evicted by writes. Evict them with @ResponseCacheInvalidate"
                    + " or ResponseCacheInvalidator#evictEntityType",
                    sessionFactory.getName() == null ? "<default>" : sessionFactory.getName());
        }
        EntityEventListener listener = new EntityEventListener(tracking);
        EventListenerRegistry listeners = sessionFactory.getEventListenerRegistry();
        listeners.prependListeners(EventType.LOAD, new EntityEventListener.LoadStarts());
        listeners.appendListeners(EventType.LOAD, new EntityEventListener.LoadEnds());
        listeners.appendListeners(EventType.POST_LOAD, listener);
        listeners.appendListeners(EventType.POST_INSERT, listener);
        listeners.appendListeners(EventType.POST_UPDATE, listener);
        listeners.appendListeners(EventType.POST_DELETE, listener);
        listeners.appendListeners(EventType.POST_COLLECTION_RECREATE, listener);
        listeners.appendListeners(EventType.POST_COLLECTION_UPDATE, listener);
        listeners.appendListeners(EventType.POST_COLLECTION_REMOVE, listener);
        listeners.appendListeners(EventType.AUTO_FLUSH, listener);
    }
}
