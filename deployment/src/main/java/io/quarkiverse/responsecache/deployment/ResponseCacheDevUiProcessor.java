package io.quarkiverse.responsecache.deployment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.ClassInfo;
import org.jboss.jandex.DotName;
import org.jboss.jandex.IndexView;
import org.jboss.jandex.MethodInfo;

import io.quarkiverse.responsecache.runtime.config.ResponseCacheBuildTimeConfig;
import io.quarkiverse.responsecache.runtime.devui.ResponseCacheDevCounts;
import io.quarkiverse.responsecache.runtime.devui.ResponseCacheJsonRpcService;
import io.quarkiverse.responsecache.runtime.endpoint.CachedEndpoint;
import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.deployment.Capabilities;
import io.quarkus.deployment.IsLocalDevelopment;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.builditem.CombinedIndexBuildItem;
import io.quarkus.devui.spi.JsonRPCProvidersBuildItem;
import io.quarkus.devui.spi.page.CardPageBuildItem;
import io.quarkus.devui.spi.page.Page;

/**
 * The Dev UI card, in dev mode only: the cached endpoints the build found, and a page that shows their live counts
 * and offers the operator's evictions through {@link ResponseCacheJsonRpcService}.
 */
class ResponseCacheDevUiProcessor {

    private static final DotName PATH = DotName.createSimple("jakarta.ws.rs.Path");
    private static final DotName GET = DotName.createSimple("jakarta.ws.rs.GET");
    private static final DotName HEAD = DotName.createSimple("jakarta.ws.rs.HEAD");

    @BuildStep(onlyIf = IsLocalDevelopment.class)
    AdditionalBeanBuildItem counts() {
        return AdditionalBeanBuildItem.unremovableOf(ResponseCacheDevCounts.class);
    }

    @BuildStep(onlyIf = IsLocalDevelopment.class)
    JsonRPCProvidersBuildItem jsonRpcService() {
        return new JsonRPCProvidersBuildItem(ResponseCacheJsonRpcService.class);
    }

    @BuildStep(onlyIf = IsLocalDevelopment.class)
    CardPageBuildItem card(CachedEndpointsBuildItem endpoints, CombinedIndexBuildItem index,
            Capabilities capabilities, ResponseCacheBuildTimeConfig config) {
        boolean tracking = EntityTrackingProcessor.tracksEntities(capabilities, config);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (CachedEndpoint endpoint : endpoints.endpoints()) {
            Map<String, Object> row = describe(endpoint, index.getIndex());
            if (tracking && endpoint.trackEntities()) {
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
        card.addPage(Page.webComponentPageBuilder()
                .title("Explain a URL")
                .icon("font-awesome-solid:magnifying-glass")
                .componentLink("qwc-response-cache-explain.js"));
        return card;
    }

    /** What the card shows of an endpoint: what the build knows, so the page needs no runtime call to list them. */
    static Map<String, Object> describe(CachedEndpoint endpoint, IndexView index) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("name", endpoint.name());
        row.put("id", endpoint.id());
        String[] route = route(endpoint, index);
        row.put("method", route[0]);
        row.put("path", route[1]);
        row.put("namespace", endpoint.namespace());
        row.put("expire", endpoint.expireSeconds() == 0 ? "default" : endpoint.expireSeconds() + " s");
        row.put("staleWhileRevalidate", window(endpoint.staleWhileRevalidateSeconds()));
        row.put("staleIfError", window(endpoint.staleIfErrorSeconds()));
        row.put("key", keyInputs(endpoint));
        row.put("tags", String.join(", ", endpoint.tags()));
        return row;
    }

    private static String window(long seconds) {
        return seconds < 0 ? "default" : seconds == 0 ? "off" : seconds + " s";
    }

    /** @return what of a request takes part in the key, in words, as the startup log says it */
    private static String keyInputs(CachedEndpoint endpoint) {
        String recipe = endpoint.describeKey();
        return endpoint.keyByPrincipal() && !recipe.contains("principal") ? recipe + ", principal" : recipe;
    }

    /**
     * @return the HTTP method and path template of the endpoint: the serving class's {@code @Path} and the method's,
     *         found from the serving class up through its superclasses
     */
    private static String[] route(CachedEndpoint endpoint, IndexView index) {
        int hash = endpoint.id().indexOf('#');
        String className = hash < 0 ? endpoint.id() : endpoint.id().substring(0, hash);
        String methodName = hash < 0 ? "" : endpoint.id().substring(hash + 1);
        ClassInfo serving = index.getClassByName(DotName.createSimple(className));
        if (serving == null) {
            return new String[] { "GET", "?" };
        }
        String classPath = value(serving.declaredAnnotation(PATH));
        for (ClassInfo type = serving; type != null; type = superclass(type, index)) {
            for (MethodInfo method : type.methods()) {
                if (method.name().equals(methodName) && (method.hasDeclaredAnnotation(GET)
                        || method.hasDeclaredAnnotation(HEAD))) {
                    return new String[] { method.hasDeclaredAnnotation(GET) ? "GET" : "HEAD",
                            join(classPath, value(method.declaredAnnotation(PATH))) };
                }
            }
        }
        return new String[] { "GET", join(classPath, "") };
    }

    private static ClassInfo superclass(ClassInfo type, IndexView index) {
        return type.superName() == null ? null : index.getClassByName(type.superName());
    }

    private static String value(AnnotationInstance path) {
        return path == null || path.value() == null ? "" : path.value().asString();
    }

    private static String join(String classPath, String methodPath) {
        String joined = "/" + classPath + "/" + methodPath;
        joined = joined.replaceAll("/+", "/");
        return joined.length() > 1 && joined.endsWith("/") ? joined.substring(0, joined.length() - 1) : joined;
    }
}
