package io.quarkiverse.responsecache.runtime.orm;

import java.io.Serializable;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.metamodel.MappingMetamodel;

/**
 * Which root entities each table holds (their own, subclass and collection tables), and so what a statement touches,
 * remembered per statement text: Hibernate's statements are few and fixed, the memory bounded all the same.
 */
final class EntityTables {

    private static final int REMEMBERED_STATEMENTS = 2048;

    /** A statement's entities, and whether it may write them. */
    record Touched(boolean writes, Set<String> entities) {
    }

    private final Map<String, Set<String>> entitiesByTable;
    private final Map<String, Touched> byStatement = new ConcurrentHashMap<>();

    private EntityTables(Map<String, Set<String>> entitiesByTable) {
        this.entitiesByTable = entitiesByTable;
    }

    static EntityTables of(Collection<SessionFactoryImplementor> factories) {
        Map<String, Set<String>> entitiesByTable = new HashMap<>();
        for (SessionFactoryImplementor factory : factories) {
            MappingMetamodel metamodel = factory.getMappingMetamodel();
            metamodel.forEachEntityDescriptor(persister -> {
                String entity = persister.getRootEntityDescriptor().getEntityPersister().getJpaEntityName();
                for (Serializable table : persister.getQuerySpaces()) {
                    add(entitiesByTable, table.toString(), entity);
                }
            });
            metamodel.forEachCollectionDescriptor(collection -> {
                String owner = collection.getOwnerEntityPersister().getRootEntityDescriptor().getEntityPersister()
                        .getJpaEntityName();
                for (String table : collection.getCollectionSpaces()) {
                    add(entitiesByTable, table, owner);
                }
            });
        }
        return new EntityTables(entitiesByTable);
    }

    private static void add(Map<String, Set<String>> entitiesByTable, String table, String entity) {
        entitiesByTable.computeIfAbsent(SqlStatement.lastSegment(table), name -> new LinkedHashSet<>()).add(entity);
    }

    Touched touched(String sql) {
        Touched touched = byStatement.get(sql);
        if (touched == null) {
            SqlStatement statement = SqlStatement.parse(sql);
            Set<String> entities = new LinkedHashSet<>();
            for (String identifier : statement.identifiers()) {
                Set<String> held = entitiesByTable.get(identifier);
                if (held != null) {
                    entities.addAll(held);
                }
            }
            touched = new Touched(statement.writes(), Set.copyOf(entities));
            if (byStatement.size() >= REMEMBERED_STATEMENTS) {
                byStatement.clear();
            }
            byStatement.put(sql, touched);
        }
        return touched;
    }

    int tableCount() {
        return entitiesByTable.size();
    }
}
