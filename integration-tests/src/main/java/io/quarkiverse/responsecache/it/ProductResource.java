package io.quarkiverse.responsecache.it;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import io.quarkiverse.responsecache.ResponseCache;
import io.quarkiverse.responsecache.ResponseCacheInvalidate;
import io.smallrye.mutiny.Uni;

/**
 * Beyond the tutorial: JSON from a blocking method and from a reactive one, both cached in the namespace
 * {@code products} and tagged with their product; a write to a product evicts exactly that product's responses.
 * {@link StatsResource} tells tests how often the read methods really ran.
 */
@Path("/products")
@ResponseCache(expire = 600, namespace = "products", tags = "product:{id}")
public class ProductResource {

    public record Product(int id, String name, double price) {
    }

    static final AtomicInteger INVOCATIONS = new AtomicInteger();
    static final Map<Integer, String> NAMES = new ConcurrentHashMap<>();

    static Product product(int id) {
        INVOCATIONS.incrementAndGet();
        return new Product(id, NAMES.getOrDefault(id, "product-" + id), Math.random());
    }

    @GET
    @Path("/{id}")
    public Product byId(@PathParam("id") int id) {
        return product(id);
    }

    @GET
    @Path("/{id}/reactive")
    public Uni<Product> reactive(@PathParam("id") int id) {
        return Uni.createFrom().item(() -> product(id)).onItem().delayIt().by(Duration.ofMillis(5));
    }

    /** A read that takes 300 ms after it read the data, like a slow query: the widest window for a write to race it. */
    @GET
    @Path("/{id}/slow")
    public Product slow(@PathParam("id") int id) throws InterruptedException {
        Product product = product(id);
        Thread.sleep(300);
        return product;
    }

    @PUT
    @Path("/{id}/name/{name}")
    @ResponseCacheInvalidate(tags = "product:{id}")
    public void rename(@PathParam("id") int id, @PathParam("name") String name) {
        NAMES.put(id, name);
    }

    /**
     * Changes the name without evicting anything: what another instance's write to a database both instances share
     * looks like from here. Each demo instance keeps its names in its own memory, so tests with two instances set the
     * name on the other one this way before renaming (and evicting) through the first.
     */
    @PUT
    @Path("/{id}/stored-name/{name}")
    public void storeName(@PathParam("id") int id, @PathParam("name") String name) {
        NAMES.put(id, name);
    }

    @DELETE
    @ResponseCacheInvalidate(namespaces = "products")
    public void forgetNames() {
        NAMES.clear();
    }
}
