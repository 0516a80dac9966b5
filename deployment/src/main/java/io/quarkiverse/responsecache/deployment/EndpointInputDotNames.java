package io.quarkiverse.responsecache.deployment;

import java.util.HashSet;
import java.util.Set;

import org.jboss.jandex.DotName;

/** The annotations and types through which a Quarkus REST endpoint reads its request, in one place. */
final class EndpointInputDotNames {

    private static final String JAXRS = "jakarta.ws.rs.";
    private static final String REACTIVE = "org.jboss.resteasy.reactive.";

    static final DotName REST_HEADER = DotName.createSimple(REACTIVE + "RestHeader");
    static final Set<DotName> QUERY = names(JAXRS + "QueryParam", REACTIVE + "RestQuery");
    static final Set<DotName> HEADER = Set.of(DotName.createSimple(JAXRS + "HeaderParam"), REST_HEADER);
    static final Set<DotName> COOKIE = names(JAXRS + "CookieParam", REACTIVE + "RestCookie");
    static final Set<DotName> MATRIX = names(JAXRS + "MatrixParam", REACTIVE + "RestMatrix");
    static final Set<DotName> PATH = names(JAXRS + "PathParam", REACTIVE + "RestPath");
    static final Set<DotName> FORM = names(JAXRS + "FormParam", REACTIVE + "RestForm",
            REACTIVE + "MultipartForm");
    static final DotName BEAN_PARAM = DotName.createSimple(JAXRS + "BeanParam");
    static final DotName CONTEXT = DotName.createSimple(JAXRS + "core.Context");
    static final DotName DEFAULT_VALUE = DotName.createSimple(JAXRS + "DefaultValue");
    static final DotName PATH_SEGMENT = DotName.createSimple(JAXRS + "core.PathSegment");

    /** Every annotation that makes a member of a class a request parameter, so the class a parameter container. */
    static final Set<DotName> PARAMETERS = union(QUERY, HEADER, COOKIE, MATRIX, PATH, FORM,
            Set.of(BEAN_PARAM));

    /** How a context object gets into a resource class's field or setter. */
    static final Set<DotName> INJECTION = Set.of(CONTEXT, DotName.createSimple("jakarta.inject.Inject"));

    /** A map-typed parameter receives every parameter of its kind. */
    static final Set<DotName> MAPS = names("java.util.Map", JAXRS + "core.MultivaluedMap");

    /**
     * What Quarkus REST injects that can read any part of the request: the URI with its scheme, host and every query
     * parameter, every header, the whole Vert.x request.
     */
    static final Set<DotName> READS_ANYTHING = names(
            JAXRS + "core.UriInfo",
            JAXRS + "core.HttpHeaders",
            JAXRS + "core.Request",
            JAXRS + "core.SecurityContext",
            JAXRS + "container.ContainerRequestContext",
            "io.vertx.core.http.HttpServerRequest",
            "io.vertx.mutiny.core.http.HttpServerRequest",
            "io.vertx.ext.web.RoutingContext",
            "io.vertx.mutiny.ext.web.RoutingContext",
            "io.quarkus.vertx.http.runtime.CurrentVertxRequest",
            REACTIVE + "server.spi.ServerRequestContext",
            REACTIVE + "server.core.ResteasyReactiveRequestContext",
            REACTIVE + "server.spi.ServerHttpRequest");

    /** Context objects an endpoint may take that say nothing about the request. */
    static final Set<DotName> NOTHING_TO_READ = names(
            JAXRS + "core.Application",
            JAXRS + "core.Configuration",
            JAXRS + "ext.Providers",
            JAXRS + "container.ResourceInfo",
            JAXRS + "container.ResourceContext",
            JAXRS + "container.AsyncResponse",
            JAXRS + "sse.Sse",
            "io.vertx.core.http.HttpServerResponse",
            "io.vertx.mutiny.core.http.HttpServerResponse",
            REACTIVE + "server.SimpleResourceInfo",
            REACTIVE + "server.spi.ResteasyReactiveResourceInfo",
            REACTIVE + "server.spi.ServerHttpResponse");

    private EndpointInputDotNames() {
    }

    private static Set<DotName> names(String... names) {
        Set<DotName> set = new HashSet<>();
        for (String name : names) {
            set.add(DotName.createSimple(name));
        }
        return Set.copyOf(set);
    }

    @SafeVarargs
    private static Set<DotName> union(Set<DotName>... sets) {
        Set<DotName> union = new HashSet<>();
        for (Set<DotName> set : sets) {
            union.addAll(set);
        }
        return Set.copyOf(union);
    }
}
