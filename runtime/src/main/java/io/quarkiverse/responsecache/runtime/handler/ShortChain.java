package io.quarkiverse.responsecache.runtime.handler;

import org.jboss.resteasy.reactive.server.handlers.BlockingHandler;
import org.jboss.resteasy.reactive.server.handlers.CompletionStageResponseHandler;
import org.jboss.resteasy.reactive.server.handlers.FixedProducesHandler;
import org.jboss.resteasy.reactive.server.handlers.InstanceHandler;
import org.jboss.resteasy.reactive.server.handlers.InvocationHandler;
import org.jboss.resteasy.reactive.server.handlers.NonBlockingHandler;
import org.jboss.resteasy.reactive.server.handlers.ParameterHandler;
import org.jboss.resteasy.reactive.server.handlers.PerRequestInstanceHandler;
import org.jboss.resteasy.reactive.server.handlers.ResponseHandler;
import org.jboss.resteasy.reactive.server.handlers.ResponseWriterHandler;
import org.jboss.resteasy.reactive.server.handlers.UniResponseHandler;
import org.jboss.resteasy.reactive.server.handlers.VariableProducesHandler;
import org.jboss.resteasy.reactive.server.spi.ServerRestHandler;

/**
 * Whether a cached endpoint's chain lets a hit skip straight to the response: when nothing in it but Quarkus REST's
 * own plumbing (no request or response filter, no security check, no interceptor, no other extension's handler), a
 * hit answered right after matching is the same as one answered before the invocation, and it stays on the event
 * loop even when the method is blocking. Any handler not known here keeps the full pipeline.
 */
final class ShortChain {

    /** No short path: the lookup runs right before the invocation. */
    static final int NONE = -1;

    /**
     * Quarkus REST's compression handler (with {@code quarkus.http.enable-compression}): it only lifts the
     * {@code Content-Encoding: identity} guard by media type, after the invocation, so a hit runs it anyway. Named,
     * not referenced: it lives in the Quarkus REST extension's runtime, not in its core.
     */
    private static final String COMPRESSION_HANDLER = "io.quarkus.resteasy.reactive.server.runtime.ResteasyReactiveCompressionHandler";

    private ShortChain() {
    }

    /**
     * @param from the position of the first handler after the early lookup
     * @return the position right after the invocation, where a hit goes on; or {@link #NONE}
     */
    static int resumePosition(ServerRestHandler[] handlers, int from) {
        int invocation = NONE;
        for (int i = from; i < handlers.length; i++) {
            ServerRestHandler handler = handlers[i];
            if (handler instanceof InvocationHandler) {
                invocation = i;
            } else if (!plumbing(handler)) {
                return NONE;
            }
        }
        return invocation == NONE ? NONE : invocation + 1;
    }

    private static boolean plumbing(ServerRestHandler handler) {
        return handler instanceof ResponseCacheLookupHandler || handler instanceof ResponseCacheStoreHandler
                || handler instanceof BlockingHandler || handler instanceof NonBlockingHandler
                || handler instanceof InstanceHandler || handler instanceof PerRequestInstanceHandler
                || handler instanceof ParameterHandler || handler instanceof FixedProducesHandler
                || handler instanceof VariableProducesHandler || handler instanceof ResponseHandler
                || handler instanceof ResponseWriterHandler || handler instanceof UniResponseHandler
                || handler instanceof CompletionStageResponseHandler
                || handler.getClass().getName().equals(COMPRESSION_HANDLER);
    }
}
