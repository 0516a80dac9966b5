package io.quarkiverse.responsecache.runtime.key;

import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Base64;

import jakarta.ws.rs.core.SecurityContext;

import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;

import io.quarkiverse.responsecache.runtime.http.HttpCacheHeaders;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.ext.web.RoutingContext;

/**
 * Whether a request speaks for someone (its response may hold their data), and for whom. Asked after the request
 * filters, so a principal a filter set counts too.
 */
public final class RequestCredentials {

    private RequestCredentials() {
    }

    /** @return whether the request carries {@code Authorization}, or has a caller */
    public static boolean present(ResteasyReactiveRequestContext request) {
        return request.serverRequest().getRequestHeader("Authorization") != null || identity(request) != null
                || filterPrincipal(request) != null;
    }

    /** @return the authenticated principal's name, else a digest of the credentials (never the credentials) */
    public static String principal(ResteasyReactiveRequestContext request) {
        Principal set = filterPrincipal(request);
        if (set != null) {
            return "principal:" + set.getName();
        }
        SecurityIdentity identity = identity(request);
        if (identity != null) {
            return "principal:" + identity.getPrincipal().getName();
        }
        return ofAuthorization(request.serverRequest().getRequestHeader("Authorization"));
    }

    /** @return who a request with this {@code Authorization} and no authenticated identity speaks for: a digest */
    public static String ofAuthorization(String authorization) {
        byte[] digest = HttpCacheHeaders.sha256().digest(authorization.getBytes(StandardCharsets.UTF_8));
        return "credentials:" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    }

    private static Principal filterPrincipal(ResteasyReactiveRequestContext request) {
        if (!request.isSecurityContextSet()) {
            // not asked for so far: reading it would create one, from the identity checked above
            return null;
        }
        SecurityContext context = request.getSecurityContext();
        return context == null ? null : context.getUserPrincipal();
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
