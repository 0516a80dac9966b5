package io.quarkiverse.responsecache.runtime.store.near;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The acknowledgements one eviction waits for: per barrier key (one per followed node), every instance registered on
 * that node but the evicting one. An acknowledgement may arrive before the barrier's script answered who is
 * registered: it is kept until then.
 */
final class Acknowledgements {

    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private final Set<String> received = new HashSet<>();
    private final Set<String> awaited = new HashSet<>();
    private int barriersLeft;

    /** @param barriers how many barrier scripts must answer before the acknowledgements can be complete */
    Acknowledgements(int barriers) {
        this.barriersLeft = barriers;
    }

    CompletableFuture<Void> done() {
        return done;
    }

    /** The barrier {@code key} was written; {@code registered} are the instances it waits for, {@code self} aside. */
    synchronized void expect(String key, List<String> registered, String self) {
        for (String instance : registered) {
            String expected = key + " " + instance;
            if (!instance.equals(self) && !received.remove(expected)) {
                awaited.add(expected);
            }
        }
        barriersLeft--;
        completeIfAll();
    }

    synchronized void acknowledged(String key, String instance) {
        String acknowledgement = key + " " + instance;
        if (!awaited.remove(acknowledgement)) {
            received.add(acknowledgement);
        }
        completeIfAll();
    }

    /** @return the instances not heard from yet, or null when every one was */
    synchronized String missing() {
        if (barriersLeft == 0 && awaited.isEmpty()) {
            return null;
        }
        Set<String> instances = new HashSet<>();
        awaited.forEach(expected -> instances.add(expected.substring(expected.lastIndexOf(' ') + 1)));
        return barriersLeft > 0 && instances.isEmpty() ? "Redis (a barrier was not written)"
                : "the instance(s) " + instances;
    }

    private void completeIfAll() {
        if (barriersLeft == 0 && awaited.isEmpty()) {
            done.complete(null);
        }
    }
}
