package io.quarkiverse.responsecache.runtime.store.near;

/**
 * The keys and channels of probes, barriers, registries and acknowledgements. See architecture.adoc, section
 * "Read-your-writes with the near cache".
 */
final class AckKeys {

    private final String probeBase;
    private final String barrierBase;
    private final String registryBase;
    private final String channelBase;
    private final String self;

    AckKeys(String prefix, String self) {
        this.probeBase = prefix + ":near-cache-probe:";
        this.barrierBase = prefix + ":near-cache-barrier:";
        this.registryBase = prefix + "#near-cache-instances";
        this.channelBase = prefix + "#near-cache-acks:";
        this.self = self;
    }

    String self() {
        return self;
    }

    /** @return the sorted set of the instances whose near caches answer, scored by when each registration ends */
    String registry(String slotTag) {
        return registryBase + slotTag;
    }

    String probe(long sequence, String slotTag) {
        return probeBase + self + ":" + sequence + slotTag;
    }

    /** @return the sequence of this instance's probe {@code key}, or -1 for any other key */
    long probeSequence(String key) {
        String mine = probeBase + self + ":";
        if (!key.startsWith(mine)) {
            return -1;
        }
        int end = key.indexOf(':', mine.length());
        try {
            return Long.parseLong(end < 0 ? key.substring(mine.length()) : key.substring(mine.length(), end));
        } catch (NumberFormatException notOurs) {
            return -1;
        }
    }

    String barrier(long sequence, String slotTag) {
        return barrierBase + self + ":" + sequence + slotTag;
    }

    /** @return the instance that wrote the barrier {@code key}, or null when it is not a barrier */
    String writerOf(String key) {
        if (!key.startsWith(barrierBase)) {
            return null;
        }
        int end = key.indexOf(':', barrierBase.length());
        return end < 0 ? null : key.substring(barrierBase.length(), end);
    }

    /** @return whether {@code key} is a probe or a barrier of any instance: a signal, not an entry */
    boolean isSignal(String key) {
        return key.startsWith(probeBase) || key.startsWith(barrierBase);
    }

    /** @return the channel on which {@code instance} hears the acknowledgements of its barriers */
    String channel(String instance) {
        return channelBase + instance;
    }
}
