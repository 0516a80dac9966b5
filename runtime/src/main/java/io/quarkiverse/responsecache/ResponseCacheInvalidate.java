package io.quarkiverse.responsecache;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Evicts cached responses after the annotated resource method succeeded, typically a {@code POST}, {@code PUT},
 * {@code PATCH} or {@code DELETE} that changed what they show.
 * <p>
 * "Succeeded" means it returned normally with a status below 400. When it throws or answers 4xx/5xx, nothing is
 * evicted. The eviction is done before the response is sent, so a request that starts after this one completed, on any
 * instance sharing the store, gets no response computed before the eviction, not even one whose computation was
 * running while it ran (see "Read-your-writes" in the documentation).
 *
 * <pre>
 * &#64;PUT
 * &#64;Path("/products/{id}")
 * &#64;ResponseCacheInvalidate(tags = "product:{id}")
 * public Product update(@PathParam("id") int id, Product product) { ... }
 * </pre>
 * <p>
 * It must name what it evicts: tags, namespaces, or {@link #all()}. A bare {@code @ResponseCacheInvalidate} fails the
 * build, and so does a tag or a namespace that no {@code @ResponseCache} of the application can produce.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface ResponseCacheInvalidate {

    /** Namespaces whose entries are all evicted. */
    String[] namespaces() default {};

    /** Tags whose entries are evicted; path parameters in braces are replaced by this request's values. */
    String[] tags() default {};

    /**
     * Evicts every entry of the cache, in every namespace, as {@link ResponseCacheInvalidator#evictAll()}: for a write
     * that changes what every cached response may show. {@link #tags()} and {@link #namespaces()} add nothing then.
     */
    boolean all() default false;
}
