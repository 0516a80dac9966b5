package io.quarkiverse.responsecache.runtime.store.memory;

import java.util.Map;

/**
 * One stored response: encoded as Redis would hold it, its expiry on the clock's monotonic time, its memberships as
 * given to {@code put}, its heap bytes.
 */
record MemoryEntry(byte[] value, long expiresAtNanos, Map<String, String> memberships, int weight) {

    /** Caffeine's node, this record, the map, the array header: on the high side, so small entries stay bounded too. */
    static final int ENTRY_OVERHEAD = 256;
    /** A hash table node and its share of the table. */
    static final int MEMBERSHIP_OVERHEAD = 64;

    MemoryEntry(String key, byte[] value, long expiresAtNanos, Map<String, String> memberships) {
        this(value, expiresAtNanos, memberships, weigh(key, value, memberships));
    }

    /** Memberships count twice (entry and index); strings at two bytes a character, the worst case. */
    static int weigh(String key, byte[] value, Map<String, String> memberships) {
        long weight = ENTRY_OVERHEAD + (long) value.length + stringBytes(key);
        for (Map.Entry<String, String> membership : memberships.entrySet()) {
            weight += 2 * (stringBytes(membership.getKey()) + stringBytes(membership.getValue())) + MEMBERSHIP_OVERHEAD;
        }
        return (int) Math.min(Integer.MAX_VALUE, weight);
    }

    private static long stringBytes(String value) {
        return 40 + 2L * value.length();
    }
}
