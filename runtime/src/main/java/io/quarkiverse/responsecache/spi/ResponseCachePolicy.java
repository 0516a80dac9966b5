package io.quarkiverse.responsecache.spi;

import java.time.Duration;

/**
 * Decides, per response, whether a cached endpoint's response is stored and for how long: Spring's
 * {@code @Cacheable(unless = ...)}, in code. An application implements it as a CDI bean
 * ({@code @ApplicationScoped} or {@code @Singleton}); without one, nothing is asked and nothing is paid.
 * <p>
 * It is asked on a miss, about a response the cache is about to store (of a cacheable status, without
 * {@code Set-Cookie}, {@code private} or {@code no-store}), right after the resource method produced it, on the thread
 * the response is on: often the event loop, so it must not block (no database, no remote call). Several beans are each
 * asked; any refusal wins, and the shortest lifetime. A policy that throws (or answers {@code null}) gets the response
 * served and not stored, and the first such failure of each endpoint is logged.
 *
 * <pre>
 * &#64;Singleton
 * public class EmptyListsAreNotCached implements ResponseCachePolicy {
 *     &#64;Override
 *     public Duration lifetime(Candidate response) {
 *         return response.entity() instanceof List&lt;?&gt; list &amp;&amp; list.isEmpty() ? Duration.ZERO : response.lifetime();
 *     }
 * }
 * </pre>
 */
public interface ResponseCachePolicy {

    /**
     * @return how long to keep the response fresh: {@link Candidate#lifetime()} to store it as the cache would, a
     *         shorter duration to keep it less long, {@link Duration#ZERO} (or anything not positive) not to store it.
     *         A longer one is cut to {@link Candidate#lifetime()}
     */
    Duration lifetime(Candidate response);

    /** A response about to be stored. */
    interface Candidate {

        /** @return the endpoint's name, as in {@code quarkus.response-cache.endpoint."<name>".*} */
        String endpoint();

        /** @return the resource method, {@code <serving class name>#<method name>} */
        String resourceMethod();

        /** @return the response's HTTP status */
        int status();

        /** @return the first value of a header the resource method set on the response, or null */
        String header(String name);

        /**
         * @return the entity the resource method returned, before serialization (a {@code Uni}'s item, a
         *         {@code Response}'s entity); null for none. Read it, never change it
         */
        Object entity();

        /**
         * @return how long the cache would keep it fresh: its status's lifetime, shortened by the response's own
         *         {@code Cache-Control} when the endpoint lets it (before jitter, which applies after the policies)
         */
        Duration lifetime();
    }
}
