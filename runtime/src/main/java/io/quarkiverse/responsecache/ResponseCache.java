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
}
