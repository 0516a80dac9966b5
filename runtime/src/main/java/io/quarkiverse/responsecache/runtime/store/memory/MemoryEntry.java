package io.quarkiverse.responsecache.runtime.store.memory;

import java.util.Map;

/**
 * One stored response in the memory store.
 *
 * @param value the encoded response (status, headers and body), as Redis would hold it
 * @param expiresAtNanos when it expires, on the cache clock's monotonic time
 * @param memberships index name to member, as given to {@code put}
 * @param weight what it holds in the heap, in bytes, see {@link #weigh}
 */
record MemoryEntry(byte[] value, long expiresAtNanos, Map<String, String> memberships, int weight) {

    /**
     * What a stored entry costs beyond its strings and bytes: Caffeine's node, this record, the memberships map, the
     * array header. An estimate on the high side, so that many small entries also stay within the bound.
     */
    static final int ENTRY_OVERHEAD = 256;
    /** What one membership costs in an index set beyond its strings (a hash table node and its share of the table). */
    static final int MEMBERSHIP_OVERHEAD = 64;

    MemoryEntry(String key, byte[] value, long expiresAtNanos, Map<String, String> memberships) {
        this(value, expiresAtNanos, memberships, weigh(key, value, memberships));
    }

    /**
     * @return the bytes an entry holds: its encoded response (body and headers), its key, and its index memberships,
     *         counted once in the entry and once in the index; strings at two bytes a character (the worst case)
     */
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
