package io.quarkiverse.responsecache.runtime.orm;

import java.time.temporal.TemporalAccessor;
import java.util.UUID;

/** Which ids make a row's tag: those whose text is the same for equal ids, in every process. */
final class EntityIds {

    private EntityIds() {
    }

    /** @return whether {@code id}'s {@code toString} names it; an embeddable id may not, and its rows get type tags */
    static boolean comparable(Object id) {
        return id instanceof Number || id instanceof CharSequence || id instanceof UUID || id instanceof Character
                || id instanceof Enum<?> || id instanceof TemporalAccessor || id instanceof Boolean;
    }
}
