package io.quarkiverse.responsecache.runtime.key;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;

import io.quarkiverse.responsecache.runtime.http.HttpCacheHeaders;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.ext.web.RoutingContext;

/**
 * Whether a request speaks for someone, and for whom. A response to such a request may hold that someone's data, so
 * it is never answered from, nor stored in, a shared entry.
 */
public final class RequestCredentials {

    private RequestCredentials() {
    }

    /** @return whether the request carries {@code Authorization} or has an authenticated security identity */
    public static boolean present(ResteasyReactiveRequestContext request) {
        return request.serverRequest().getRequestHeader("Authorization") != null || identity(request) != null;
    }

    /**
     * @return the principal's name when there is an authenticated identity, otherwise a digest of the credentials
     *         (never the credentials themselves)
     */
    public static String principal(ResteasyReactiveRequestContext request) {
        SecurityIdentity identity = identity(request);
        if (identity != null) {
            return "principal:" + identity.getPrincipal().getName();
        }
        String authorization = request.serverRequest().getRequestHeader("Authorization");
        byte[] digest = HttpCacheHeaders.sha256().digest(authorization.getBytes(StandardCharsets.UTF_8));
        return "credentials:" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    }

    private static SecurityIdentity identity(ResteasyReactiveRequestContext request) {
        RoutingContext routingContext = request.serverRequest().unwrap(RoutingContext.class);
        if (routingContext != null && routingContext.user() instanceof QuarkusHttpUser user
                && !user.getSecurityIdentity().isAnonymous()) {
            return user.getSecurityIdentity();
        }
        return null;
    }
}
