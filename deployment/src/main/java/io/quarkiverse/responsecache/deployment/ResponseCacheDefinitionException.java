package io.quarkiverse.responsecache.deployment;

import org.jboss.jandex.ClassInfo;
import org.jboss.jandex.MethodInfo;

/**
 * A misuse of {@code @ResponseCache} found at build time. The message names the class, the method and the fix; the
 * subclasses say which kind of misuse it is.
 */
public abstract class ResponseCacheDefinitionException extends RuntimeException {

    protected ResponseCacheDefinitionException(String message) {
        super(inLines(message));
    }

    /**
     * One sentence a line, the fix on a line of its own: the dev-mode error page does not wrap a line, so a message of
     * one long line is cut there.
     */
    static String inLines(String message) {
        return message.replaceAll("\\. (?=[A-Z@])", ".\n");
    }

    static String describe(MethodInfo method) {
        return "method '" + method.name() + "' of class '" + method.declaringClass().name() + "'";
    }

    static String describe(ClassInfo clazz) {
        return "class '" + clazz.name() + "'";
    }

    /** {@code @ResponseCache} on a method that does not answer {@code GET}. */
    public static final class NonGetMethodTargetException extends ResponseCacheDefinitionException {
        NonGetMethodTargetException(MethodInfo method) {
            super("@ResponseCache is only allowed on GET resource methods, but it is on " + describe(method)
                    + ". Fix: remove @ResponseCache from it, or annotate the method with @GET if it only reads.");
        }
    }

    /** {@code @ResponseCache} on a method whose body is streamed (SSE, Multi, StreamingOutput...). */
    public static final class StreamingMethodTargetException extends ResponseCacheDefinitionException {
        StreamingMethodTargetException(MethodInfo method, String why, boolean fromClass) {
            super("@ResponseCache cannot cache the streamed response of " + describe(method) + " (" + why + "). Fix: "
                    + (fromClass
                            ? "move @ResponseCache from the class to its non-streaming GET methods."
                            : "remove @ResponseCache from it, or return the whole body at once (a String, an object or a Uni)."));
        }
    }

    /** A tag naming a path parameter that the method's path does not have. */
    public static final class UnknownTagParameterException extends ResponseCacheDefinitionException {
        UnknownTagParameterException(MethodInfo method, String annotation, String tag, String parameter,
                java.util.Collection<String> pathParameters) {
            super(annotation + " tag '" + tag + "' on " + describe(method) + " uses the path parameter '{" + parameter
                    + "}', which its path does not have (it has " + (pathParameters.isEmpty() ? "none"
                            : "{" + String.join("}, {", pathParameters) + "}")
                    + "). Fix: use one of the path's parameters, or a literal tag.");
        }
    }

    /** {@code @ResponseCache} on a method of a sub-resource, reached through a resource locator. */
    public static final class SubResourceMethodException extends ResponseCacheDefinitionException {
        SubResourceMethodException(MethodInfo method, java.util.List<String> locators) {
            super("@ResponseCache on " + describe(method) + " is not applied: no root resource serves it"
                    + (locators.isEmpty() ? ""
                            : ", it is a sub-resource returned by the locator " + String.join(
                                    " and ", locators))
                    + ". Fix: move the cached GET method to a root resource class (one annotated with @Path), or remove"
                    + " @ResponseCache from it.");
        }
    }

    /** Two cached endpoints with the same configuration name. */
    public static final class DuplicateEndpointNameException extends ResponseCacheDefinitionException {
        DuplicateEndpointNameException(String name, String first, String second) {
            super("Two cached endpoints are named '" + name + "': " + first + " and " + second
                    + ". Fix: give one of them @ResponseCache(name = \"...\") so quarkus.response-cache.endpoint.\""
                    + name + "\" names one endpoint.");
        }
    }

    /** {@code @ResponseCache} and {@code @ResponseCacheInvalidate} on the same method. */
    public static final class CacheAndInvalidateException extends ResponseCacheDefinitionException {
        CacheAndInvalidateException(MethodInfo method) {
            super("@ResponseCacheInvalidate is on " + describe(method) + ", which is also cached. Fix: evict from the"
                    + " method that changes the data (POST, PUT, PATCH, DELETE), not from a cached GET.");
        }
    }

    /** A bare {@code @ResponseCacheInvalidate}: no tag, no namespace, not {@code all}. */
    public static final class InvalidateNothingException extends ResponseCacheDefinitionException {
        InvalidateNothingException(MethodInfo method) {
            super("@ResponseCacheInvalidate on " + describe(method) + " evicts nothing: it names no tag, no namespace"
                    + " and not all = true. Fix: list the tags of the cached responses this method changes (e.g."
                    + " tags = \"product:{id}\"), a namespace (namespaces = \"products\"), or all = true to evict"
                    + " every entry.");
        }
    }

    /** A tag of {@code @ResponseCacheInvalidate} that no {@code @ResponseCache} of the application can produce. */
    public static final class UnproducibleTagException extends ResponseCacheDefinitionException {
        UnproducibleTagException(MethodInfo method, String tag, java.util.List<String> closest, String note) {
            super("@ResponseCacheInvalidate tag '" + tag + "' on " + describe(method) + " evicts nothing: no cached"
                    + " endpoint (@ResponseCache) produces a tag it matches" + note + ". " + (closest.isEmpty()
                            ? "No cached endpoint has tags."
                            : "Cached endpoints produce the tags '" + String.join("', '", closest) + "' (closest first).")
                    + " Fix: name a tag that cached endpoints produce (a brace matches any value: 'product:{id}' and"
                    + " 'product:{pid}' match), or add '" + tag + "' to the tags of the @ResponseCache whose responses"
                    + " this method changes.");
        }
    }

    /** A namespace of {@code @ResponseCacheInvalidate} that no {@code @ResponseCache} of the application uses. */
    public static final class UnproducibleNamespaceException extends ResponseCacheDefinitionException {
        UnproducibleNamespaceException(MethodInfo method, String namespace, java.util.List<String> closest) {
            super("@ResponseCacheInvalidate namespace '" + namespace + "' on " + describe(method) + " evicts nothing:"
                    + " no cached endpoint (@ResponseCache) has that namespace. " + (closest.isEmpty()
                            ? "No cached endpoint is in the application."
                            : "Cached endpoints use the namespaces '" + String.join("', '", closest)
                                    + "' (closest first; '' is that of endpoints that name none).")
                    + " Fix: name a namespace that cached endpoints use, or " + (namespace.isEmpty()
                            ? "put @ResponseCache without a namespace on the endpoints whose responses this method changes."
                            : "set namespace = \"" + namespace
                                    + "\" on the @ResponseCache whose responses this method changes."));
        }
    }

    /** A negative {@code expire}, or a {@code staleWhileRevalidate} or {@code staleIfError} below -1. */
    public static final class NegativeExpireException extends ResponseCacheDefinitionException {
        NegativeExpireException(String target, String attribute, long value) {
            super("@ResponseCache(" + attribute + " = " + value + ") on " + target + " is negative. Fix: "
                    + ("expire".equals(attribute)
                            ? "give the number of seconds the response stays fresh, or 0 for the configured default"
                                    + " (quarkus.response-cache.default-expire)."
                            : "give a number of seconds, 0 to turn it off, or leave it out for the configured default."));
        }
    }

    /** More tags on one {@code @ResponseCache} than {@code quarkus.response-cache.max-tags} allows. */
    public static final class TooManyTagsException extends ResponseCacheDefinitionException {
        TooManyTagsException(String target, int tags, int maxTags) {
            super("@ResponseCache on " + target + " names " + tags + " tags, more than the " + maxTags
                    + " quarkus.response-cache.max-tags allows: every miss writes one index per tag. Fix: tag the"
                    + " entries with fewer, broader tags (evict the rest by namespace or URL), or raise"
                    + " quarkus.response-cache.max-tags.");
        }
    }

    /** {@code expireByStatus} naming a status the cache never stores. */
    public static final class UncacheableStatusExpireException extends ResponseCacheDefinitionException {
        UncacheableStatusExpireException(String target, int status) {
            super("@ResponseCache(expireByStatus) on " + target + " gives status " + status + " a lifetime, but the"
                    + " cache never stores it: 1xx, 204, 205 and 304 have no body to replay, and a 206 answers one"
                    + " Range request only. Fix: remove the @StatusExpire of status " + status + ".");
        }
    }

    /** {@code expireByStatus} listing a status twice. */
    public static final class DuplicateStatusExpireException extends ResponseCacheDefinitionException {
        DuplicateStatusExpireException(String target, int status) {
            super("@ResponseCache(expireByStatus) on " + target + " lists status " + status + " twice. Fix: keep one"
                    + " @StatusExpire for it.");
        }
    }

    /** A per-status lifetime that is not positive, or longer than a year. */
    public static final class StatusExpireRangeException extends ResponseCacheDefinitionException {
        StatusExpireRangeException(String target, int status, long expire) {
            super("@ResponseCache(expireByStatus) on " + target + " gives status " + status + " expire = " + expire
                    + (expire <= 0 ? ", which is not positive" : " seconds, more than a year")
                    + ". Fix: " + (expire <= 0
                            ? "give the seconds a response of that status stays fresh, or remove its @StatusExpire to"
                                    + " store it as the endpoint's other responses."
                            : "give the lifetime in seconds (milliseconds perhaps were meant)."));
        }
    }

    static String describe(MethodInfo method, ClassInfo servingClass) {
        return servingClass.name().equals(method.declaringClass().name()) ? describe(method)
                : describe(method) + " (served by '" + servingClass.name() + "')";
    }

    /** {@code queryParameters} naming a query parameter the endpoint does not read. */
    public static final class UnreadableQueryParameterException extends ResponseCacheDefinitionException {
        UnreadableQueryParameterException(MethodInfo method, ClassInfo servingClass, String name,
                java.util.Collection<String> declared) {
            super("@ResponseCache(queryParameters) on " + describe(method, servingClass) + " names '" + name
                    + "', which the endpoint cannot read (it reads " + (declared.isEmpty() ? "no query parameter"
                            : "the query parameters " + declared)
                    + "). Fix: remove '" + name + "' from queryParameters, or declare it on the method with @QueryParam(\""
                    + name + "\") or @RestQuery; the key holds the declared query parameters without being told.");
        }
    }

    /** {@code varyHeaders} naming a header the endpoint already declares, so it is already in the key. */
    public static final class DeclaredVaryHeaderException extends ResponseCacheDefinitionException {
        DeclaredVaryHeaderException(MethodInfo method, ClassInfo servingClass, String header, String declaredBy) {
            super("@ResponseCache(varyHeaders) on " + describe(method, servingClass) + " names '" + header
                    + "', which the endpoint already reads through " + declaredBy
                    + ", so it is in the key and in Vary already. Fix: remove '" + header + "' from varyHeaders.");
        }
    }

    /** A cached GET method that reads the request body, which no key can hold. */
    public static final class RequestBodyReadException extends ResponseCacheDefinitionException {
        RequestBodyReadException(MethodInfo method, ClassInfo servingClass, java.util.List<String> reads) {
            super("@ResponseCache cannot cache " + describe(method, servingClass) + ": it reads "
                    + String.join(", ", reads) + ", which is not part of the key, so one client's body would decide"
                    + " the response of all. Fix: take the input from the path, the query or a header"
                    + " (@PathParam, @QueryParam, @HeaderParam), or remove @ResponseCache.");
        }
    }
}
