package io.quarkiverse.responsecache.benchmark;

import java.io.IOException;

import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.WriterInterceptor;
import jakarta.ws.rs.ext.WriterInterceptorContext;

/**
 * A writer interceptor that changes nothing. The cache hands an endpoint with writer interceptors the identity body
 * (an interceptor may rewrite it), so its hits are compressed by the server per request, as every hit was before
 * entries kept a compressed form: the benchmark's stand-in for that path.
 */
@Provider
@PassThrough
public class PassThroughInterceptor implements WriterInterceptor {

    @Override
    public void aroundWriteTo(WriterInterceptorContext context) throws IOException {
        context.proceed();
    }
}
