package io.quarkiverse.responsecache.deployment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.quarkiverse.responsecache.runtime.config.ResponseCacheBuildTimeConfig;
import io.quarkiverse.responsecache.runtime.devui.LifetimeText;
import io.quarkiverse.responsecache.runtime.devui.ResponseCacheDevCounts;
import io.quarkiverse.responsecache.runtime.devui.ResponseCacheJsonRpcService;
import io.quarkiverse.responsecache.runtime.endpoint.CachedEndpoint;
import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.deployment.Capabilities;
import io.quarkus.deployment.IsLocalDevelopment;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.devui.spi.JsonRPCProvidersBuildItem;
import io.quarkus.devui.spi.page.CardPageBuildItem;
import io.quarkus.devui.spi.page.Page;

/**
 * The Dev UI card, in dev mode only: the cached endpoints the build found, and a page that shows their live counts
 * and offers the operator's evictions through {@link ResponseCacheJsonRpcService}.
 */
class ResponseCacheDevUiProcessor {

    @BuildStep(onlyIf = IsLocalDevelopment.class)
    AdditionalBeanBuildItem counts() {
        return AdditionalBeanBuildItem.unremovableOf(ResponseCacheDevCounts.class);
    }

    @BuildStep(onlyIf = IsLocalDevelopment.class)
    JsonRPCProvidersBuildItem jsonRpcService() {
        return new JsonRPCProvidersBuildItem(ResponseCacheJsonRpcService.class);
    }

    @BuildStep(onlyIf = IsLocalDevelopment.class)
    CardPageBuildItem card(CachedEndpointsBuildItem endpoints, Capabilities capabilities,
            ResponseCacheBuildTimeConfig config) {
        boolean tracking = EntityTrackingProcessor.tracksEntities(capabilities, config);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (CachedEndpointsBuildItem.Route route : endpoints.routes()) {
            Map<String, Object> row = describe(route.endpoint(), route.path());
            if (tracking && route.endpoint().trackEntities()) {
                String tags = (String) row.get("tags");
                row.put("tags", (tags.isEmpty() ? "" : tags + ", ") + "entities read (Hibernate ORM)");
            }
            rows.add(row);
        }
        CardPageBuildItem card = new CardPageBuildItem();
        card.addBuildTimeData("endpoints", rows);
        card.addPage(Page.webComponentPageBuilder()
                .title("Cached endpoints")
                .icon("font-awesome-solid:database")
                .componentLink("qwc-response-cache-endpoints.js")
                .staticLabel(Integer.toString(rows.size())));
        // where the responses go is runtime configuration: the card asks the running application
        card.addPage(Page.webComponentPageBuilder()
                .title("Responses stored")
                .icon("font-awesome-solid:box-archive")
                .componentLink("qwc-response-cache-endpoints.js")
                .dynamicLabelJsonRPCMethodName("getStoreLabel"));
        card.addPage(Page.webComponentPageBuilder()
                .title("Explain a URL")
                .icon("font-awesome-solid:magnifying-glass")
                .componentLink("qwc-response-cache-explain.js"));
        return card;
    }

    /** What the card shows of an endpoint: what the build knows, so the page needs no runtime call to list them. */
    static Map<String, Object> describe(CachedEndpoint endpoint, String path) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("name", endpoint.name());
        row.put("id", endpoint.id());
        // only GET methods are cached; HEAD requests are answered from the same entries
        row.put("method", "GET");
        row.put("path", path);
        row.put("namespace", endpoint.namespace());
        row.put("expire", endpoint.expireSeconds() == 0 ? "default" : LifetimeText.expire(endpoint.expireSeconds()));
        row.put("staleWhileRevalidate", window(endpoint.staleWhileRevalidateSeconds()));
        row.put("staleIfError", window(endpoint.staleIfErrorSeconds()));
        row.put("key", keyInputs(endpoint));
        row.put("tags", String.join(", ", endpoint.tags()));
        return row;
    }

    private static String window(long seconds) {
        return seconds < 0 ? "default" : LifetimeText.window(seconds);
    }

    /** @return what of a request takes part in the key, in words, as the startup log says it */
    private static String keyInputs(CachedEndpoint endpoint) {
        String recipe = endpoint.describeKey();
        return endpoint.keyByPrincipal() && !recipe.contains("principal") ? recipe + ", principal" : recipe;
    }
}
