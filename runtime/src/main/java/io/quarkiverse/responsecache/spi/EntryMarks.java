package io.quarkiverse.responsecache.spi;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.UUID;

/**
 * The values, other than entries, that the cache writes under an entry's key so that a response computed before an
 * eviction is never stored after it (see {@link ResponseStore#claim}):
 * <ul>
 * <li>a <em>placeholder</em>, written by a computation that found the key empty, so that its store can tell whether
 * anything (an eviction) wrote the key meanwhile;</li>
 * <li>a <em>tombstone</em>, written by an eviction instead of deleting the entry, unique to that eviction, so that a
 * computation that began before it can neither store its response nor hand it to a request that arrived after it.</li>
 * </ul>
 * Both are short text that no entry starts with: a lookup that reads one decodes nothing, a miss. Both are unique, so
 * the {@link #fingerprint} of what a key holds changes with every write.
 */
public final class EntryMarks {

    /** How long a tombstone stays: well beyond the time a computation's write and its acknowledgement can take. */
    public static final Duration TOMBSTONE_LIFETIME = Duration.ofSeconds(30);
    /**
     * How much longer than its entry an index membership lives, counted from the claim: the computation's time. A
     * computation that takes longer stores its entry for correspondingly less, so the entry never outlives the
     * membership that lets an eviction find it.
     */
    public static final Duration MEMBERSHIP_GRACE = Duration.ofSeconds(60);

    static final String TOMBSTONE_PREFIX = "RC-TOMBSTONE ";
    static final String PLACEHOLDER_PREFIX = "RC-PENDING ";
    /** The fingerprint of an empty key. */
    public static final String NOTHING = "";

    private EntryMarks() {
    }

    public static byte[] newTombstone() {
        return (TOMBSTONE_PREFIX + UUID.randomUUID()).getBytes(StandardCharsets.US_ASCII);
    }

    public static byte[] newPlaceholder() {
        return (PLACEHOLDER_PREFIX + UUID.randomUUID()).getBytes(StandardCharsets.US_ASCII);
    }

    /** @return whether {@code value} is a mark (a tombstone or a placeholder) rather than an entry or garbage */
    public static boolean isMark(byte[] value) {
        return startsWith(value, TOMBSTONE_PREFIX) || startsWith(value, PLACEHOLDER_PREFIX);
    }

    /** @return whether {@code value} is a tombstone: an eviction removed the entry less than a lifetime ago */
    public static boolean isTombstone(byte[] value) {
        return startsWith(value, TOMBSTONE_PREFIX);
    }

    /** @return whether {@code value} is a placeholder: a computation claimed the key and has not stored yet */
    public static boolean isPlaceholder(byte[] value) {
        return startsWith(value, PLACEHOLDER_PREFIX);
    }

    /** @return whether {@code value} is an entry an eviction removes and counts: anything but nothing and a mark */
    public static boolean isEvictable(byte[] value) {
        return value != null && !isMark(value);
    }

    /**
     * @return the SHA-1 of {@code value} in lower-case hex, as Redis's {@code redis.sha1hex} computes it, or
     *         {@link #NOTHING} for a key that holds nothing
     */
    public static String fingerprint(byte[] value) {
        if (value == null) {
            return NOTHING;
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(value));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is part of every Java runtime", e);
        }
    }

    private static boolean startsWith(byte[] value, String prefix) {
        if (value == null || value.length < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (value[i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
