package io.quarkiverse.responsecache.runtime.orm;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.hibernate.resource.jdbc.spi.StatementInspector;

import io.quarkus.arc.DefaultBean;
import io.quarkus.hibernate.orm.PersistenceUnitExtension;

/**
 * Sees every statement of the default persistence unit before it runs: the only place where a query's tables are
 * visible whether or not it runs in a transaction and whatever it returns (an empty list too), and where bulk and
 * native writes show. A default bean: an application's own inspector replaces it, and a warning says what tracking
 * then misses.
 */
@Singleton
@DefaultBean
@PersistenceUnitExtension
public class TrackingStatementInspector implements StatementInspector {

    private final EntityTracking tracking;

    @Inject
    public TrackingStatementInspector(EntityTracking tracking) {
        this.tracking = tracking;
    }

    @Override
    public String inspect(String sql) {
        tracking.statement(sql);
        return sql;
    }
}
