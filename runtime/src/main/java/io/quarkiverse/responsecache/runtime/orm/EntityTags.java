package io.quarkiverse.responsecache.runtime.orm;

import java.util.List;

/**
 * The tags entity tracking gives entries, named after the root entity of a hierarchy (ids are unique there):
 * <ul>
 * <li>{@code entity:Book#42}: the entry read that row by id;</li>
 * <li>{@code entity:Book#*}: the entry read some row of that type by id (a bulk write reaches it);</li>
 * <li>{@code entity:Book}: the entry queried that type (a list, a count, an empty result): any write of it reaches
 * it.</li>
 * </ul>
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

    /**
     * @return what a write of one row evicts: its own entries and every query of its type; for an id that cannot name
     *         the row ({@link EntityIds}), every entry of the type, as a bulk write does
     */
    static List<String> ofWrittenRow(String entity, Object id) {
        return EntityIds.comparable(id) ? List.of(row(entity, id), type(entity)) : ofWrittenType(entity);
    }

    /** @return what a bulk write of a type evicts: every entry that read a row of it or queried it */
    static List<String> ofWrittenType(String entity) {
        return List.of(type(entity), anyRow(entity));
    }
}
