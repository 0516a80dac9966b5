package io.quarkiverse.responsecache.runtime.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.quarkiverse.responsecache.runtime.observe.CacheOutcome;

class ResponseCacheSpansTest {

    final InMemorySpanExporter exporter = InMemorySpanExporter.create();
    final SdkTracerProvider tracerProvider = SdkTracerProvider.builder()
            .addSpanProcessor(SimpleSpanProcessor.create(exporter)).build();
    final Tracer tracer = tracerProvider.get("test");
    final ResponseCacheSpans spans = new ResponseCacheSpans();

    @AfterEach
    void close() {
        tracerProvider.close();
    }

    @Test
    void aHitIsDescribedOnTheCurrentSpan() {
        SpanData span = within(() -> spans.answered("Products.get", CacheOutcome.HIT, "redis", "hit; ttl=30", 12));

        assertThat(span.getAttributes().get(ResponseCacheSpans.HIT)).isTrue();
        assertThat(span.getAttributes().get(ResponseCacheSpans.NAME)).isEqualTo("Products.get");
        assertThat(span.getAttributes().get(ResponseCacheSpans.STATUS)).isEqualTo("hit; ttl=30");
        assertThat(span.getAttributes().get(ResponseCacheSpans.OUTCOME)).isEqualTo("hit");
        assertThat(span.getAttributes().get(ResponseCacheSpans.TIER)).isEqualTo("redis");
        assertThat(span.getAttributes().get(ResponseCacheSpans.AGE)).isEqualTo(12);
        assertThat(span.getEvents()).isEmpty();
    }

    @Test
    void aMissHasNoAge() {
        SpanData span = within(
                () -> spans.answered("Products.get", CacheOutcome.MISS, "redis", "fwd=uri-miss; stored", -1));

        assertThat(span.getAttributes().get(ResponseCacheSpans.HIT)).isFalse();
        assertThat(span.getAttributes().get(ResponseCacheSpans.OUTCOME)).isEqualTo("miss");
        assertThat(span.getAttributes().get(ResponseCacheSpans.AGE)).isNull();
    }

    @Test
    void aStaleResponseServedIsAnEvent() {
        SpanData span = within(() -> spans.answered("Products.get", CacheOutcome.STALE, "redis",
                "hit; ttl=-5; detail=stale", 65));

        assertThat(span.getAttributes().get(ResponseCacheSpans.HIT)).isTrue();
        assertThat(span.getAttributes().get(ResponseCacheSpans.OUTCOME)).isEqualTo("stale");
        assertThat(span.getEvents()).singleElement().satisfies(event -> {
            assertThat(event.getName()).isEqualTo(ResponseCacheSpans.STALE_SERVED);
            assertThat(event.getAttributes().get(ResponseCacheSpans.AGE)).isEqualTo(65);
            assertThat(event.getAttributes().get(ResponseCacheSpans.STATUS)).isEqualTo("hit; ttl=-5; detail=stale");
        });
    }

    @Test
    void withoutASpanNothingHappens() {
        spans.answered("Products.get", CacheOutcome.HIT, "redis", "hit; ttl=30", 1);

        assertThat(exporter.getFinishedSpanItems()).isEmpty();
    }

    private SpanData within(Runnable inSpan) {
        Span span = tracer.spanBuilder("GET /products/{id}").startSpan();
        try (Scope ignored = span.makeCurrent()) {
            inSpan.run();
        } finally {
            span.end();
        }
        List<SpanData> finished = exporter.getFinishedSpanItems();
        assertThat(finished).hasSize(1);
        return finished.get(0);
    }
}
