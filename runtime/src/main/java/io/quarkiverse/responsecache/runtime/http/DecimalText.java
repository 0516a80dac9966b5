package io.quarkiverse.responsecache.runtime.http;

/**
 * The decimal text of the numbers hits send as header values ({@code Age}), kept once made: the hits of one entry
 * within a second send the same number, so they share its text instead of each formatting it.
 */
public final class DecimalText {

    private static final int SLOTS = 256;
    /** Immutable values in a racy array: a lost write only costs formatting one again. */
    private static final Formatted[] RECENT = new Formatted[SLOTS];

    private DecimalText() {
    }

    /** @return {@code Long.toString(value)}, the same instance as for the last requests that asked for it */
    public static String of(long value) {
        int slot = (int) (value & (SLOTS - 1));
        Formatted recent = RECENT[slot];
        if (recent != null && recent.value == value) {
            return recent.text;
        }
        String text = Long.toString(value);
        RECENT[slot] = new Formatted(value, text);
        return text;
    }

    private record Formatted(long value, String text) {
    }
}
