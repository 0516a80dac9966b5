package io.quarkiverse.responsecache.runtime.handler;

import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;

import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;

import io.quarkiverse.responsecache.runtime.coordination.Computation;
import io.quarkiverse.responsecache.runtime.coordination.KeyClaim;
import io.quarkiverse.responsecache.runtime.coordination.KeyedRequest;
import io.quarkiverse.responsecache.runtime.endpoint.EndpointPolicy;
import io.quarkiverse.responsecache.runtime.entry.CachedResponse;
import io.quarkiverse.responsecache.runtime.http.CacheStatusHeaders;
import io.quarkiverse.responsecache.runtime.observe.CacheDetail;
import io.quarkiverse.responsecache.runtime.observe.CacheForward;
import io.quarkiverse.responsecache.runtime.observe.CacheOutcome;
import io.quarkiverse.responsecache.runtime.observe.ResponseCacheEvents;
import io.vertx.ext.web.RoutingContext;

/**
 * What the cache decided for one request, handed from the lookup handler to the handlers that run later in the same
 * request's chain. It travels with the request itself ({@link #attach}), because the CDI request scope may be inactive
 * after a resume.
 */
final class CacheExchange implements KeyedRequest {

    static final String PROPERTY = CacheExchange.class.getName();

    /**
     * Attaches {@code exchange} to its request: in the routing context's data, which Quarkus has made already, rather
     * than a request-context property, whose map would be made for this request alone.
     */
    static void attach(ResteasyReactiveRequestContext request, CacheExchange exchange) {
        RoutingContext routing = request.serverRequest().unwrap(RoutingContext.class);
        if (routing != null) {
            routing.put(PROPERTY, exchange);
        } else {
            request.setProperty(PROPERTY, exchange);
        }
    }

    /** @return the exchange attached to {@code request}, or null when the cache is not involved */
    static CacheExchange of(ResteasyReactiveRequestContext request) {
        RoutingContext routing = request.serverRequest().unwrap(RoutingContext.class);
        CacheExchange exchange = (CacheExchange) (routing != null ? routing.get(PROPERTY)
                : request.getProperty(PROPERTY));
        // a rerouted request keeps the routing context's data: an exchange of the earlier endpoint is not this one's
        return exchange != null && exchange.request == request ? exchange : null;
    }

    final CacheServices services;
    final EndpointPolicy policy;
    /** The entry's key; null when the request bypasses the cache. */
    String key;
    /** Who the request speaks for, when its endpoint keys by principal; else null. */
    String principal;
    /** The headers learned from the endpoint's {@code Vary} that took part in {@link #key}, lower case. */
    Set<String> varied = Set.of();
    CacheOutcome outcome = CacheOutcome.MISS;
    /** RFC 9211 {@code fwd} parameter of a miss or a bypass: why the request went to the endpoint. */
    CacheForward forward = CacheForward.URI_MISS;
    /** RFC 9211 {@code detail} parameter: why it missed or bypassed, how a hit was answered; null for a fresh hit. */
    CacheDetail detail = CacheDetail.ABSENT;
    /** The response a hit replays: fresh, stale, or computed by a concurrent request. */
    CachedResponse replay;
    /** A stale entry that may replace an error of the endpoint (stale-if-error). */
    CachedResponse staleFallback;
    /** This request's part in computing its key, once it missed. */
    volatile Computation computation;
    /** The store tier that answered this request's lookup; {@code none} when no store answered. */
    String tier = "none";
    /** Where a hit found by the early lookup goes on in the chain; 0 when the lookup ran before the invocation. */
    int resumeAt;
    /** Whether this request's outcome was reported to the observers. */
    private boolean reported;
    /** The claim this request took on its key before running the endpoint; null without one (nothing stored). */
    volatile KeyClaim claim;
    private final ResteasyReactiveRequestContext request;

    CacheExchange(CacheServices services, EndpointPolicy policy, ResteasyReactiveRequestContext request) {
        this.services = services;
        this.policy = policy;
        this.request = request;
    }

    @Override
    public String key() {
        return key;
    }

    @Override
    public EndpointPolicy policy() {
        return policy;
    }

    @Override
    public Set<String> varied() {
        return varied;
    }

    @Override
    public List<String> tags() {
        return policy.renderTags(request);
    }

    @Override
    public String path() {
        return request.getPath();
    }

    @Override
    public void joined(Computation computation) {
        this.computation = computation;
    }

    void bypass(CacheForward forward, CacheDetail detail) {
        this.outcome = CacheOutcome.BYPASS;
        this.forward = forward;
        this.detail = detail;
    }

    /** @param outcome {@link CacheOutcome#HIT}, {@link CacheOutcome#STALE} or {@link CacheOutcome#COALESCED} */
    void replay(CachedResponse response, CacheOutcome outcome, CacheDetail detail) {
        this.outcome = outcome;
        this.replay = response;
        this.detail = detail;
    }

    /** The request goes to the endpoint as a miss, for this reason. */
    void forward(CacheForward forward, CacheDetail detail) {
        this.forward = forward;
        this.detail = detail;
    }

    /**
     * @return what a hit answers with as the resource method's result: the stored body, or null for a 204. Quarkus REST
     *         builds the response around it as for any entity; the stored status and headers are applied to that
     *         response ({@link ResponseCacheStoreHandler}), rather than a {@code Response} result being copied into a
     *         new one.
     */
    CachedBody storedEntity() {
        return replay.status() != 204 ? new CachedBody(replay) : null;
    }

    /** @return a response with the stored status and body, without headers yet: they are applied when it is a hit's */
    Response storedResponse() {
        CachedBody body = storedEntity();
        return (body == null ? Response.status(replay.status()) : Response.status(replay.status()).entity(body))
                .build();
    }

    /** @return whether the response may be stored: a miss whose key this request claimed */
    boolean stores() {
        return outcome == CacheOutcome.MISS && key != null && claim != null;
    }

    /** Writes this request's status headers. */
    void statusHeaders(BiConsumer<String, String> headers, boolean stored, long ttlSeconds) {
        services.statusHeaders.write(headers, outcome, forward, detail, stored, ttlSeconds, key);
        report(stored, ttlSeconds);
    }

    /**
     * Tells the observers what became of this request, once: when its status headers are written, or when it ends
     * without them (an endpoint that failed).
     */
    void report(boolean stored, long ttlSeconds) {
        ResponseCacheEvents events = services.events;
        if (reported || !events.observed()) {
            return;
        }
        reported = true;
        long age = replay == null ? -1
                : replay.ageSeconds(services.clock.currentTimeMillis(), policy.expire().toMillis());
        String cacheStatus = CacheStatusHeaders.parameters(new StringBuilder(48), outcome, forward, detail, stored,
                ttlSeconds).toString();
        events.answered(policy.endpoint().name(), outcome, tier, cacheStatus, age);
    }
}
