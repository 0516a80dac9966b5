package io.quarkiverse.responsecache.it;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import io.quarkiverse.responsecache.ResponseCache;
import io.smallrye.mutiny.Uni;

/**
 * Beyond the tutorial: a JSON object from a blocking method and from a reactive one, both cached. {@link StatsResource}
 * tells tests how often the methods really ran.
 */
@Path("/products")
@ResponseCache(expire = 600, namespace = "products")
public class ProductResource {

    public record Product(int id, String name, double price) {
    }

    static final AtomicInteger INVOCATIONS = new AtomicInteger();

    @GET
    @Path("/{id}")
    public Product product(@PathParam("id") int id) {
        INVOCATIONS.incrementAndGet();
        return new Product(id, "product-" + id, ThreadLocalRandom.current().nextDouble());
    }

    @GET
    @Path("/{id}/reactive")
    public Uni<Product> reactive(@PathParam("id") int id) {
        INVOCATIONS.incrementAndGet();
        return Uni.createFrom().item(new Product(id, "product-" + id, ThreadLocalRandom.current().nextDouble()))
                .onItem().delayIt().by(Duration.ofMillis(5));
    }
}
