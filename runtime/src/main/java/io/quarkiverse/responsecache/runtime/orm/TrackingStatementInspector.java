package io.quarkiverse.responsecache.runtime.orm;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.hibernate.resource.jdbc.spi.StatementInspector;

import io.quarkus.arc.DefaultBean;
import io.quarkus.hibernate.orm.PersistenceUnitExtension;

/**
 * Every statement of the default persistence unit: the one place where a query's tables show whatever it returns, and
 * bulk and native writes too. An application's own inspector replaces it, with a warning.
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
