package io.quarkiverse.responsecache;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Caches the whole HTTP response of a Quarkus REST {@code GET} endpoint: status, headers and the serialized body.
 * <p>
 * On a resource method it caches that method; on a resource class it caches every {@code GET} method of the class
 * (a method's own annotation wins over the class's). Repeated requests for the same URL are answered from the cache
 * without running the method, with {@code ETag}, {@code Cache-Control: max-age} and a cache-status header.
 * <p>
 * The key of a response holds exactly what the endpoint can read of its request, as the build finds it in the
 * method's parameters, its resource class and its parameter containers: the path, the query parameters it declares
 * (others, such as {@code utm_source}, share the entry), the headers and cookies it declares, matrix parameters when
 * it reads them, and the negotiated media type when several representations answer the path. Responses say what
 * split them ({@code Vary}; {@code Cache-Control: private} for cookies). An endpoint that injects a context able to
 * read anything ({@code UriInfo}, {@code HttpHeaders}, {@code RoutingContext}...) is keyed conservatively, by scheme,
 * host and the whole query string too. A {@code Vary} the endpoint's responses carry is honoured; {@code Vary: *} is
 * never stored. A request body cannot be keyed: a cached method that reads one fails the build.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.METHOD, ElementType.TYPE })
public @interface ResponseCache {

    /**
     * Value of {@link #expire()} that means "use {@code quarkus.response-cache.default-expire}".
     */
    long DEFAULT_EXPIRE = 0;

    /**
     * How long a stored response stays fresh, in seconds. {@code 0} means the configured default
     * ({@code quarkus.response-cache.default-expire}); a negative value fails the build.
     */
    long expire() default DEFAULT_EXPIRE;

    /**
     * The namespace of the entries, the middle part of their keys ({@code <prefix>:<namespace>:<hash>}).
     * Empty by default, as in {@code response-cache::<hash>}.
     */
    String namespace() default "";

    /**
     * Tags the entries belong to, besides their namespace, so they can be evicted together (by
     * {@link ResponseCacheInvalidate} or {@link ResponseCacheInvalidator#evictTag}). A tag may name path parameters
     * in braces: {@code "product:{id}"} on {@code GET /products/{id}} tags the entry of product 42 with
     * {@code product:42}.
     */
    String[] tags() default {};

    /**
     * The endpoint's name in configuration: {@code quarkus.response-cache.endpoint."<name>".expire} and the other
     * per-endpoint settings override the annotation. Defaults to {@code <simple class name>.<method name>}. On a class,
     * it names each method {@code <name>.<method name>}.
     */
    String name() default "";

    /**
     * Request headers that take part in the key besides those the endpoint declares ({@code @HeaderParam},
     * {@code @RestHeader}, which are keyed without being listed): headers the endpoint reads in a way the build cannot
     * see, e.g. through a helper bean or an injected {@code HttpHeaders}. Responses then carry a matching {@code Vary}
     * header. Naming a header the endpoint declares fails the build. {@code Accept} needs no mention when several
     * media types answer the path: the negotiated type always takes part in the key.
     */
    String[] varyHeaders() default {};

    /**
     * The query parameters that take part in the key, replacing those the build found the endpoint reads. Empty (the
     * default) means the declared ones ({@code @QueryParam}, {@code @RestQuery}, in {@code @BeanParam}s too), or the
     * whole query string for an endpoint that can read any of it ({@code UriInfo}...); parameters the endpoint does not
     * read, such as {@code utm_source}, never multiply the entries. Naming a parameter the endpoint cannot read fails
     * the build.
     */
    String[] queryParameters() default {};

    /**
     * What to do with a request that carries credentials ({@code Authorization}) or an authenticated identity.
     * {@code false} (the default): it bypasses the cache, neither answered from a shared entry nor stored.
     * {@code true}: it is cached in an entry of its own, keyed by the principal's name (or, without a security
     * identity, by the credentials), and the response says {@code Cache-Control: private}.
     */
    boolean keyByPrincipal() default false;

    /**
     * Seconds after {@link #expire()} during which a stale response may still be served while one request refreshes
     * it. {@code -1} (the default) means {@code quarkus.response-cache.stale-while-revalidate}; {@code 0} turns it off.
     */
    long staleWhileRevalidate() default -1;

    /**
     * Seconds after {@link #expire()} during which a stale response is served instead of an error of the endpoint
     * (an exception or a 5xx response). {@code -1} (the default) means {@code quarkus.response-cache.stale-if-error};
     * {@code 0} turns it off.
     */
    long staleIfError() default -1;

    /**
     * Whether the entries are tagged with the entities the endpoint reads through Hibernate ORM, so that a
     * transaction that writes them evicts the entries when it commits (see "Invalidation without annotations" in the
     * documentation). Only when the application has Hibernate ORM and
     * {@code quarkus.response-cache.hibernate-orm.enabled} is on; {@code false} leaves this endpoint's entries to
     * their expiry, tags and namespaces.
     */
    boolean trackEntities() default true;

    /**
     * Lifetimes of responses by status, instead of {@link #expire()}: a status listed here is stored for this endpoint
     * even when {@code quarkus.response-cache.cacheable-statuses} does not list it, e.g. a {@code 404} kept for 30 s
     * so that scans of missing ids do not reach the endpoint ({@code expireByStatus = @StatusExpire(status = 404,
     * expire = 30)}). {@code quarkus.response-cache.endpoint."<name>".expire-by-status."<status>"} wins, status by
     * status. A status that is never stored (1xx, 204, 205, 206, 304), a lifetime that is not positive or longer than
     * a year, or a status listed twice fails the build.
     */
    StatusExpire[] expireByStatus() default {};

    /**
     * Whether the response's own {@code Cache-Control} sets how long it is stored: its {@code s-maxage}, else its
     * {@code max-age}, capped by the lifetime this endpoint gives its status ({@link #expire()} or
     * {@link #expireByStatus()}). {@code max-age=0} (or {@code s-maxage=0}) is not stored; a response without either
     * gets the endpoint's lifetime. {@code quarkus.response-cache.endpoint."<name>".expire-from-response} wins.
     */
    boolean expireFromResponse() default false;

    /** How long the responses of some statuses are stored, in {@link ResponseCache#expireByStatus()}. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target({})
    @interface StatusExpire {

        /** The HTTP statuses, e.g. {@code 404} or {@code {404, 410}}. */
        int[] status();

        /** How long a response of these statuses stays fresh, in seconds. */
        long expire();
    }
}
