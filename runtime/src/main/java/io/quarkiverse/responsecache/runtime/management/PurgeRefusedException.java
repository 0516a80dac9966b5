package io.quarkiverse.responsecache.runtime.management;

/** A purge that names nothing this cache owns: refused before anything is touched, the reason in the message. */
public final class PurgeRefusedException extends IllegalArgumentException {

    public PurgeRefusedException(String reason) {
        super(reason);
    }
}
