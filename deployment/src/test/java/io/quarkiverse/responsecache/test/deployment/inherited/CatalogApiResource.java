package io.quarkiverse.responsecache.test.deployment.inherited;

import java.util.concurrent.atomic.AtomicInteger;

/** Serves {@link CatalogApi}: the class carries no JAX-RS annotation itself. */
public class CatalogApiResource implements CatalogApi {

    static final AtomicInteger CALLS = new AtomicInteger();

    @Override
    public String item(String id) {
        return "item-" + id + "-" + CALLS.incrementAndGet();
    }
}
