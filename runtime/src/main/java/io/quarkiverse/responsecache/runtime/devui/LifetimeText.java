package io.quarkiverse.responsecache.runtime.devui;

/**
 * How the Dev UI card writes an endpoint's lifetimes: once from the build (where the configuration decides, the build
 * says "default") and again from the running application, whose values replace the build's in the same cells.
 */
public final class LifetimeText {

    private LifetimeText() {
    }

    /** @return an expiry: {@code 600 s} */
    public static String expire(long seconds) {
        return seconds + " s";
    }

    /** @return a stale window: {@code 30 s}, or {@code off} */
    public static String window(long seconds) {
        return seconds == 0 ? "off" : seconds + " s";
    }
}
