package io.quarkiverse.responsecache.test.pipeline;

import java.security.Principal;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/** Request and response filters of the kinds applications write, none of them {@code @PreMatching}. */
public class PipelineFilters {

    static final String API_KEY = "let-me-in";

    /** An access check: the protected pages need the API key. */
    @ServerRequestFilter
    public Response apiKey(ContainerRequestContext request) {
        if (request.getUriInfo().getPath().startsWith("/pipeline/protected")
                && !API_KEY.equals(request.getHeaderString("X-Api-Key"))) {
            return Response.status(401).entity("no key").build();
        }
        return null;
    }

    /** Authentication from a header of the application's own, setting the caller on the security context. */
    @ServerRequestFilter
    public void caller(ContainerRequestContext request) {
        String user = request.getHeaderString("X-User");
        if (user != null && request.getUriInfo().getPath().startsWith("/pipeline/me")) {
            request.setSecurityContext(new SecurityContext() {
                @Override
                public Principal getUserPrincipal() {
                    return () -> user;
                }

                @Override
                public boolean isUserInRole(String role) {
                    return false;
                }

                @Override
                public boolean isSecure() {
                    return false;
                }

                @Override
                public String getAuthenticationScheme() {
                    return "X-User";
                }
            });
        }
    }

    /** Labels the greeting with the caller's language, in the body and in {@code Content-Language}. */
    @ServerResponseFilter
    public void label(ContainerRequestContext request, ContainerResponseContext response) {
        if (!request.getUriInfo().getPath().startsWith("/pipeline/greeting")) {
            return;
        }
        String language = request.getHeaderString("Accept-Language");
        if (language == null) {
            language = "en";
        }
        response.setEntity(response.getEntity() + " [" + language + "]");
        response.getHeaders().putSingle("Content-Language", language);
    }
}
