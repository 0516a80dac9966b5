package io.quarkiverse.responsecache.runtime.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.WithDefault;

/**
 * The HTTP caches in front of the application (Varnish, a CDN): what its responses tell them, and what its evictions
 * purge from them.
 */
public interface EdgeConfig {

    /**
     * The response header that carries the keys a layer in front purges by: {@code xkey} (Varnish's vmod xkey),
     * {@code Surrogate-Key} (Fastly) or {@code Cache-Tag} (Cloudflare). Every response the cache stores or replays
     * carries in it its tags, its namespace, the tags entity tracking gave it and a few keys of the cache's own, in that
     * header's conventions (comma-separated for {@code Cache-Tag}, space-separated otherwise) and within the length
     * that layer accepts. Unset, responses carry no such header.
     */
    Optional<String> tagHeader();

    /**
     * The HTTP caches in front (e.g. {@code http://varnish:6081/}): every eviction, by key, tag, namespace, URL or
     * everything, whatever started it, is sent to each of them as a {@code PURGE} request naming the keys it removed
     * in {@link #purgeHeader()}, in parallel, before the eviction completes.
     */
    Optional<List<URI>> purgeUrls();

    /**
     * The request header of a {@code PURGE} that lists the keys to purge, space-separated. {@code xkey-purge} for the
     * VCL of the Edge guide; {@code xkey-softpurge} there turns every purge into a soft one (Varnish then serves the
     * old copy once more, in its grace, while it fetches the new one).
     */
    @WithDefault("xkey-purge")
    String purgeHeader();

    /**
     * The request header of the {@code PURGE} sent for an operator's soft purge ({@code /response-cache/soft-purge}),
     * which marks entries stale rather than removing them.
     */
    @WithDefault("xkey-softpurge")
    String softPurgeHeader();

    /**
     * The longest a purge of the layers in front may take. A layer that has not answered by then (down, frozen,
     * unreachable) is given up for this eviction: the failure is logged once per incident and counted, and the write
     * goes on. Every layer is purged in parallel, so a write waits at most this long for all of them.
     */
    @WithDefault("2s")
    Duration purgeTimeout();

    /**
     * How long the layers in front may keep a response, sent in {@link #cacheControlHeader()} ({@code max-age}) on
     * every response the cache stores or replays, except private ones. Since evictions purge them, they may keep a
     * response far longer than browsers, whose {@code Cache-Control} says how long the entry stays fresh. Unset, no
     * such header is sent.
     */
    Optional<Duration> maxAge();

    /**
     * The header that carries {@link #maxAge()}: {@code CDN-Cache-Control} (RFC 9213, honoured by Cloudflare and
     * others), {@code Surrogate-Control} (Fastly, Akamai), or a CDN-specific one such as
     * {@code Cloudflare-CDN-Cache-Control}.
     */
    @WithDefault("CDN-Cache-Control")
    String cacheControlHeader();

    /** Fastly's purge API. */
    Fastly fastly();

    /** Cloudflare's purge API. */
    Cloudflare cloudflare();

    /** Purging Fastly by surrogate key (set {@code tag-header=Surrogate-Key}). */
    interface Fastly {

        /**
         * The Fastly service whose cache evictions purge, by surrogate key. Set, with {@link #apiToken()}, every
         * eviction is sent to Fastly's purge API; soft purges are sent with {@code Fastly-Soft-Purge: 1}.
         */
        Optional<String> serviceId();

        /** The API token with purge rights on the service ({@code Fastly-Key}). A secret. */
        Optional<String> apiToken();

        /** Where Fastly's API answers. */
        @WithDefault("https://api.fastly.com")
        URI apiUrl();
    }

    /** Purging Cloudflare by cache tag (set {@code tag-header=Cache-Tag}). */
    interface Cloudflare {

        /**
         * The Cloudflare zone whose cache evictions purge, by cache tag. Set, with {@link #apiToken()}, every eviction
         * is sent to Cloudflare's purge API. Cloudflare has no soft purge by tag: soft purges are sent as purges.
         */
        Optional<String> zoneId();

        /** The API token with the Cache Purge permission on the zone (a bearer token). A secret. */
        Optional<String> apiToken();

        /** Where Cloudflare's API answers. */
        @WithDefault("https://api.cloudflare.com/client/v4")
        URI apiUrl();
    }
}
