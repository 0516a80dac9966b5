package io.quarkiverse.responsecache.runtime.refresh;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;
import org.jboss.resteasy.reactive.server.spi.ServerHttpRequest;

import io.quarkiverse.responsecache.runtime.config.ResponseCacheConfig;
import io.quarkiverse.responsecache.runtime.coordination.MissCoordinator;
import io.quarkiverse.responsecache.runtime.endpoint.EndpointPolicy;
import io.quarkiverse.responsecache.runtime.http.HttpCalls;
import io.quarkiverse.responsecache.runtime.store.GuardedStore;
import io.quarkiverse.responsecache.runtime.store.Lazy;
import io.quarkus.runtime.Startup;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Refreshes stale entries in the background, so that no request waits for a stale-while-revalidate refresh.
 * <p>
 * The request that finds an entry stale is answered with the stale copy at once; this instance then asks itself for
 * the same resource, at the address and port that request arrived at. The refresh is a clean request: the path, and of
 * the query, the headers and the cookies only what the entry's key is made of (plus {@code Accept} when the endpoint
 * negotiates its media type), never the triggering caller's other headers or credentials. So whatever else a caller
 * sent cannot shape the entry everyone gets; a request filter that needs more (an API key) refuses the refresh, which
 * then stores nothing, and the entry is computed again by the first request after it expired.
 * <p>
 * The refresh carries {@value #HEADER} with a token drawn for it alone. A route ahead of every other takes the header
 * off each request before anything reads it (no filter nor endpoint sees it) and accepts a token once, marking the
 * request in its routing context: a token that was used, guessed or never drawn makes an ordinary request. The
 * lookup handler skips the lookup of a marked request and stores the endpoint's response, as for a request with
 * {@code Cache-Control: no-cache}.
 * <p>
 * One refresh per key at a time in this instance, and across instances when the distributed lock is on (the refresh
 * holds the key's lock).
 */
@Startup
@Singleton
public class BackgroundRefresher {

    /** The header that marks an instance's own refresh request. */
    public static final String HEADER = "X-Response-Cache-Refresh";

    private static final Logger LOG = Logger.getLogger(BackgroundRefresher.class);
    /** The mark a refresh request carries in its routing context once its token was taken. */
    private static final String REFRESH_MARK = BackgroundRefresher.class.getName() + ".refresh";

    private final boolean enabled;
    private final Duration timeout;
    private final boolean distributedLock;
    private final Duration lease;
    private final long writeTimeoutMillis;
    /** The tokens of the refreshes under way, each accepted once, with the key it refreshes. */
    private final Map<String, String> tokens = new ConcurrentHashMap<>();
    private final GuardedStore store;
    private final Vertx vertx;
    /** The keys this instance is refreshing, with the lock token a refresh holds (or "" without a lock). */
    private final Map<String, String> refreshing = new ConcurrentHashMap<>();
    /** Built by the first refresh: most applications never refresh in the background. */
    private final Lazy<HttpClient> client;

    @Inject
    public BackgroundRefresher(ResponseCacheConfig config, GuardedStore store, Vertx vertx) {
        this.enabled = config.backgroundRefresh().enabled();
        this.timeout = config.backgroundRefresh().timeout();
        this.distributedLock = config.distributedLock().enabled();
        this.lease = config.distributedLock().lease();
        this.writeTimeoutMillis = Math.max(1, config.writeTimeout().toMillis());
        this.store = store;
        this.vertx = vertx;
        // trusting any certificate is safe here: the connection goes to this instance's own port on this machine,
        // which no one else can hold while it listens
        this.client = new Lazy<>(() -> vertx.createHttpClient(new HttpClientOptions().setTrustAll(true)
                .setVerifyHost(false).setKeepAlive(true).setMaxPoolSize(8)));
    }

    /** @return whether stale entries of an endpoint are refreshed in the background rather than within a request */
    public boolean refreshesInBackground(boolean keyedByPrincipal) {
        return enabled && !keyedByPrincipal;
    }

    /**
     * Takes {@value #HEADER} off every request before any other route, filter or endpoint sees it, and marks the
     * request as a refresh, in the request's own data, when it carried the token of a refresh this instance started
     * and had not seen yet.
     */
    void takeTokens(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(context -> {
            String token = context.request().headers().get(HEADER);
            if (token != null) {
                context.request().headers().remove(HEADER);
                if (tokens.remove(token) != null) {
                    context.put(REFRESH_MARK, Boolean.TRUE);
                }
            }
            context.next();
        });
    }

    /** @return whether the request is a refresh this instance started */
    public boolean isRefresh(ResteasyReactiveRequestContext request) {
        RoutingContext context = request.serverRequest().unwrap(RoutingContext.class);
        return context != null && context.get(REFRESH_MARK) != null;
    }

    /**
     * Starts refreshing {@code key} unless a refresh of it is under way (here, or elsewhere when the distributed lock
     * is on). Returns at once.
     */
    public void refresh(String key, ServerHttpRequest original, EndpointPolicy policy, Set<String> varied) {
        Endpoint endpoint = Endpoint.of(original);
        if (endpoint == null || refreshing.putIfAbsent(key, "") != null) {
            return;
        }
        String target = RefreshRequest.uri(original, policy.endpoint().keyRecipe());
        MultiMap headers = RefreshRequest.headers(original, policy, varied);
        byte[] drawn = new byte[24];
        Tokens.RANDOM.nextBytes(drawn);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(drawn);
        tokens.put(token, key);
        headers.set(HEADER, token);
        if (!distributedLock || !store.acceptsWrites()) {
            send(key, endpoint, target, headers);
            return;
        }
        String lock = UUID.randomUUID().toString();
        store.tryLock(MissCoordinator.lockKey(key), lock, lease).subscribe().with(taken -> {
            if (taken) {
                refreshing.put(key, lock);
                send(key, endpoint, target, headers);
            } else {
                // another instance computes or refreshes the key
                refreshing.remove(key);
                tokens.remove(token);
            }
        }, failure -> send(key, endpoint, target, headers));
    }

    private void send(String key, Endpoint endpoint, String uri, MultiMap headers) {
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setHost(endpoint.host)
                .setPort(endpoint.port).setSsl(endpoint.ssl).setURI(uri).setHeaders(headers)
                .setTimeout(timeout.toMillis());
        // the answer read whole, so the refresh is always done, whatever thread found the entry stale
        HttpCalls.send(vertx, client.get(), options, null).map(HttpCalls.Answer::status)
                .onComplete(outcome -> {
                    if (outcome.failed()) {
                        LOG.debugf("Refreshing %s failed: %s", key, outcome.cause().toString());
                        done(key);
                    } else if (outcome.result() >= 300) {
                        LOG.debugf("Refreshing %s: the endpoint answered %d", key, outcome.result());
                        done(key);
                    } else {
                        // the response is sent before its entry is written: until the write is over (it is bounded
                        // by the write timeout) a stale request would start a second, useless refresh
                        vertx.setTimer(writeTimeoutMillis, ignored -> done(key));
                    }
                });
    }

    private void done(String key) {
        // a token its request never used (it failed before the lookup) is not accepted later
        tokens.values().remove(key);
        String token = refreshing.remove(key);
        if (token != null && !token.isEmpty()) {
            store.unlock(MissCoordinator.lockKey(key), token).subscribe().with(ignored -> {
            });
        }
    }

    /** @return whether a refresh of {@code key} is under way in this instance */
    public boolean refreshing(String key) {
        return refreshing.containsKey(key);
    }

    @PreDestroy
    void close() {
        client.ifBuilt().ifPresent(HttpClient::close);
    }

    /**
     * Where the refresh request goes: the address and port the original request arrived at, so it reaches this
     * instance's own server (its HTTPS port when the request came over TLS, as when plain HTTP is disabled), on this
     * machine, whatever the configured host, port or the port a test drew.
     */
    private record Endpoint(String host, int port, boolean ssl) {

        static Endpoint of(ServerHttpRequest request) {
            HttpServerRequest vertxRequest = request.unwrap(HttpServerRequest.class);
            SocketAddress local = vertxRequest == null ? null : vertxRequest.localAddress();
            if (local == null || local.port() <= 0 || local.host() == null) {
                // a domain socket, or a request of another kind: no loopback to replay it on
                return null;
            }
            return new Endpoint(local.host(), local.port(), vertxRequest.isSSL());
        }
    }

    /** Seeded at the first refresh, not at startup: most applications never refresh in the background. */
    private static final class Tokens {
        static final SecureRandom RANDOM = new SecureRandom();
    }
}
