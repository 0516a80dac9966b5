package io.quarkiverse.responsecache.runtime.time;

import jakarta.inject.Singleton;

import io.quarkiverse.responsecache.spi.ResponseCacheClock;
import io.quarkus.arc.DefaultBean;

/** The clock used unless the application declares its own {@link ResponseCacheClock} bean. */
@DefaultBean
@Singleton
public class SystemResponseCacheClock implements ResponseCacheClock {

    @Override
    public long currentTimeMillis() {
        return System.currentTimeMillis();
    }

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }
}
