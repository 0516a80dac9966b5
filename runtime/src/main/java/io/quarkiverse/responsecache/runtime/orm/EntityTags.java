package io.quarkiverse.responsecache.runtime.orm;

import java.util.List;

/**
 * The tags entity tracking gives entries ({@code entity:Book#42}, {@code entity:Book#*}, {@code entity:Book}), named
 * after the root entity, where ids are unique. See entity-tracking.adoc.
 */
public final class EntityTags {

    public static final String PREFIX = "entity:";

    private EntityTags() {
    }

    public static String row(String entity, Object id) {
        return PREFIX + entity + "#" + id;
    }

    public static String anyRow(String entity) {
        return PREFIX + entity + "#*";
    }

    public static String type(String entity) {
        return PREFIX + entity;
    }

    /** An id that cannot name the row ({@link EntityIds}) evicts every entry of the type, as a bulk write does. */
    static List<String> ofWrittenRow(String entity, Object id) {
        return EntityIds.comparable(id) ? List.of(row(entity, id), type(entity)) : ofWrittenType(entity);
    }

    /** @return what a bulk write of a type evicts: every entry that read a row of it or queried it */
    static List<String> ofWrittenType(String entity) {
        return List.of(type(entity), anyRow(entity));
    }
}
