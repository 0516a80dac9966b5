package io.quarkiverse.responsecache.runtime.store;

import java.util.Optional;
import java.util.function.Supplier;

/** A value built once, at its first use, so that what nothing uses costs nothing (a store, its locks, a tier). */
public final class Lazy<T> implements Supplier<T> {

    private final Supplier<T> factory;
    private volatile T value;

    public Lazy(Supplier<T> factory) {
        this.factory = factory;
    }

    @Override
    public T get() {
        T built = value;
        if (built == null) {
            synchronized (this) {
                built = value;
                if (built == null) {
                    value = built = factory.get();
                }
            }
        }
        return built;
    }

    /** @return the value if it was built, without building it: what is closed at shutdown only if it exists */
    public Optional<T> ifBuilt() {
        return Optional.ofNullable(value);
    }
}
