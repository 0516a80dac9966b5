package io.quarkiverse.responsecache.spi;

/**
 * Where the response cache reads the time: freshness, staleness, ages, the breaker's open period, lock waits and the
 * memory store's expiry all ask this bean and nothing else. The default is the system clock; a test declares a bean of
 * this type to move time forward instead of sleeping.
 */
public interface ResponseCacheClock {

    /** @return the wall-clock time, epoch milliseconds: what entries' expiry times are compared with */
    long currentTimeMillis();

    /** @return a monotonic time in nanoseconds, for durations measured inside this process */
    long nanoTime();
}
