package io.quarkiverse.responsecache.runtime.orm;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rows one computation loaded by id and the types it queried; a property of the request, so the listeners find it
 * on whatever thread the endpoint runs. Above {@code maxRows} rows, their types stand for them.
 */
public final class EntityReads {

    public static final String PROPERTY = EntityReads.class.getName();

    private final int maxRows;
    private final Map<String, Set<Object>> rows = new LinkedHashMap<>(4);
    private int rowCount;
    /** Set once more than {@link #maxRows} rows were read: every row's type then stands for its rows. */
    private boolean overflowed;
    private final Set<String> queriedTypes = new LinkedHashSet<>();
    /** Entities being loaded by id right now, and how deep: their own tables in a statement are no query. */
    private final Map<String, Integer> loadingById = new HashMap<>(4);
    /** The write generation read before the computation began; see {@link EntityEvictions}. */
    private volatile long generation = EntityEvictions.UNKNOWN_GENERATION;

    public EntityReads(int maxRows) {
        this.maxRows = maxRows;
    }

    public long generation() {
        return generation;
    }

    public void generation(long generation) {
        this.generation = generation;
    }

    synchronized void row(String entity, Object id) {
        Set<Object> ids = rows.computeIfAbsent(entity, name -> new LinkedHashSet<>());
        if (!overflowed && ids.add(id) && ++rowCount > maxRows) {
            // from now on only the types count: a page of a million rows holds no million ids
            overflowed = true;
            rows.values().forEach(Set::clear);
        }
    }

    synchronized void queried(Collection<String> entities) {
        for (String entity : entities) {
            if (!loadingById.containsKey(entity)) {
                queriedTypes.add(entity);
            }
        }
    }

    synchronized void loadStarts(String entity) {
        loadingById.merge(entity, 1, Integer::sum);
    }

    synchronized void loadEnds(String entity) {
        loadingById.computeIfPresent(entity, (name, depth) -> depth > 1 ? depth - 1 : null);
    }

    /** @return per type read by id its rows and any-row tag (beyond {@code maxRows}, the type); each queried type */
    public synchronized List<String> tags() {
        List<String> tags = new ArrayList<>(rowCount + rows.size() + queriedTypes.size());
        for (Map.Entry<String, Set<Object>> read : rows.entrySet()) {
            String entity = read.getKey();
            if (overflowed || queriedTypes.contains(entity)) {
                // the type's tag reaches this entry on every write of the type: rows would add nothing
                continue;
            }
            for (Object id : read.getValue()) {
                tags.add(EntityTags.row(entity, id));
            }
            tags.add(EntityTags.anyRow(entity));
        }
        Set<String> types = new LinkedHashSet<>(queriedTypes);
        if (overflowed) {
            types.addAll(rows.keySet());
        }
        for (String entity : types) {
            tags.add(EntityTags.type(entity));
        }
        return tags;
    }
}
