package io.quarkiverse.responsecache.runtime.store.redis;

import java.nio.charset.StandardCharsets;

/** A key's Redis Cluster hash slot, as the cluster computes it: CRC16 (XMODEM) of the key or its hash tag, mod 16384. */
public final class HashSlot {

    public static final int SLOTS = 16384;

    private static final int[] TABLE = table();

    private HashSlot() {
    }

    public static int of(String key) {
        byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
        int[] tag = tag(bytes);
        return tag == null ? crc16(bytes, 0, bytes.length) & (SLOTS - 1) : crc16(bytes, tag[0], tag[1]) & (SLOTS - 1);
    }

    /** @return whether only a hash tag of {@code key} decides its slot, so that any longer key has the same slot */
    public static boolean hasTag(String key) {
        return tag(key.getBytes(StandardCharsets.UTF_8)) != null;
    }

    /** @return the start and end of the hash tag's content, or null when the key has no hash tag */
    private static int[] tag(byte[] bytes) {
        int open = indexOf(bytes, (byte) '{', 0);
        if (open < 0) {
            return null;
        }
        int close = indexOf(bytes, (byte) '}', open + 1);
        return close > open + 1 ? new int[] { open + 1, close } : null;
    }

    /** XMODEM: polynomial 0x1021, initial value 0. */
    static int crc16(byte[] bytes, int start, int end) {
        int crc = 0;
        for (int i = start; i < end; i++) {
            crc = ((crc << 8) ^ TABLE[((crc >>> 8) ^ bytes[i]) & 0xff]) & 0xffff;
        }
        return crc;
    }

    private static int indexOf(byte[] bytes, byte wanted, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == wanted) {
                return i;
            }
        }
        return -1;
    }

    private static int[] table() {
        int[] table = new int[256];
        for (int b = 0; b < 256; b++) {
            int crc = b << 8;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1;
            }
            table[b] = crc & 0xffff;
        }
        return table;
    }
}
