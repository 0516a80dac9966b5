package io.quarkiverse.responsecache.deployment;

import static io.quarkiverse.responsecache.deployment.ResponseCacheDotNames.GET;
import static io.quarkiverse.responsecache.deployment.ResponseCacheDotNames.PATH;
import static io.quarkiverse.responsecache.deployment.ResponseCacheDotNames.RESPONSE_CACHE;
import static io.quarkiverse.responsecache.deployment.ResponseCacheDotNames.RESPONSE_CACHE_INVALIDATE;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.ClassInfo;
import org.jboss.jandex.MethodInfo;

import io.quarkiverse.responsecache.deployment.ResponseCacheDefinitionException.CacheAndInvalidateException;
import io.quarkiverse.responsecache.deployment.ResponseCacheDefinitionException.DuplicateEndpointNameException;
import io.quarkiverse.responsecache.deployment.ResponseCacheDefinitionException.NegativeExpireException;
import io.quarkiverse.responsecache.deployment.ResponseCacheDefinitionException.NonGetMethodTargetException;
import io.quarkiverse.responsecache.deployment.ResponseCacheDefinitionException.StreamingMethodTargetException;
import io.quarkiverse.responsecache.deployment.ResponseCacheDefinitionException.UnknownTagParameterException;
import io.quarkiverse.responsecache.runtime.DefaultResponseCacheKeyBuilder;
import io.quarkiverse.responsecache.runtime.ResponseCacheBuildTimeConfig;
import io.quarkiverse.responsecache.runtime.ResponseCacheRecorder;
import io.quarkiverse.responsecache.runtime.ResponseCacheService;
import io.quarkiverse.responsecache.runtime.StoreResponseCacheInvalidator;
import io.quarkiverse.responsecache.runtime.TagTemplate;
import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.arc.deployment.ValidationPhaseBuildItem;
import io.quarkus.arc.deployment.ValidationPhaseBuildItem.ValidationErrorBuildItem;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.annotations.ExecutionTime;
import io.quarkus.deployment.annotations.Record;
import io.quarkus.deployment.builditem.CombinedIndexBuildItem;
import io.quarkus.deployment.builditem.FeatureBuildItem;
import io.quarkus.deployment.builditem.RunTimeConfigurationDefaultBuildItem;
import io.quarkus.redis.deployment.client.RequestedRedisClientBuildItem;
import io.quarkus.redis.runtime.client.config.RedisConfig;
import io.quarkus.resteasy.reactive.server.spi.MethodScannerBuildItem;

class ResponseCacheProcessor {

    private static final String FEATURE = "response-cache";
    private static final Pattern PATH_PARAMETER = Pattern.compile("\\{\\s*([^}:\\s]+)\\s*(:[^}]*)?}");

    @BuildStep
    FeatureBuildItem feature() {
        return new FeatureBuildItem(FEATURE);
    }

    @BuildStep
    AdditionalBeanBuildItem beans() {
        // looked up by the handlers rather than injected, so they must survive unused-bean removal
        return AdditionalBeanBuildItem.builder()
                .addBeanClasses(ResponseCacheService.class, DefaultResponseCacheKeyBuilder.class,
                        StoreResponseCacheInvalidator.class)
                .setUnremovable()
                .build();
    }

    @BuildStep
    RequestedRedisClientBuildItem redisClient(ResponseCacheBuildTimeConfig config) {
        return new RequestedRedisClientBuildItem(config.redisClientName().orElse(RedisConfig.DEFAULT_CLIENT_NAME));
    }

    /**
     * Every request to a cached endpoint sends one short command, so a burst of requests queues many commands at once.
     * The Redis client's default wait queue (24) would turn a burst of 31 requests into failures, i.e. bypasses; this
     * deepens it for the client the cache uses, unless the application configures it.
     */
    @BuildStep
    RunTimeConfigurationDefaultBuildItem redisPoolWaitQueue(ResponseCacheBuildTimeConfig config) {
        String client = config.redisClientName().filter(name -> !RedisConfig.isDefaultClient(name))
                .map(name -> "quarkus.redis." + (name.matches("[A-Za-z0-9_-]+") ? name : "\"" + name + "\"") + ".")
                .orElse("quarkus.redis.");
        return new RunTimeConfigurationDefaultBuildItem(client + "max-pool-waiting", "1024");
    }

    @BuildStep
    MethodScannerBuildItem wireCachedEndpoints() {
        return new MethodScannerBuildItem(new ResponseCacheMethodScanner());
    }

    /**
     * Finds every misuse of {@code @ResponseCache} and {@code @ResponseCacheInvalidate} and reports them together, so
     * one build shows them all.
     */
    @BuildStep
    void validate(CombinedIndexBuildItem index, ValidationPhaseBuildItem validationPhase,
            BuildProducer<ValidationErrorBuildItem> errors, BuildProducer<CachedEndpointNamesBuildItem> endpointNames) {
        List<Throwable> misuses = new ArrayList<>();
        Map<String, MethodInfo> names = new HashMap<>();
        for (AnnotationInstance annotation : index.getIndex().getAnnotations(RESPONSE_CACHE)) {
            switch (annotation.target().kind()) {
                case METHOD -> {
                    MethodInfo method = annotation.target().asMethod();
                    validateDurations(ResponseCacheDefinitionException.describe(method), annotation, misuses);
                    if (!method.hasDeclaredAnnotation(GET)) {
                        misuses.add(new NonGetMethodTargetException(method));
                    } else {
                        validateCachedMethod(method, annotation, false, names, misuses);
                    }
                }
                case CLASS -> {
                    ClassInfo clazz = annotation.target().asClass();
                    validateDurations(ResponseCacheDefinitionException.describe(clazz), annotation, misuses);
                    for (MethodInfo method : clazz.methods()) {
                        if (method.hasDeclaredAnnotation(GET) && !method.hasDeclaredAnnotation(RESPONSE_CACHE)) {
                            validateCachedMethod(method, annotation, true, names, misuses);
                        }
                    }
                }
                default -> {
                }
            }
        }
        for (AnnotationInstance invalidate : index.getIndex().getAnnotations(RESPONSE_CACHE_INVALIDATE)) {
            MethodInfo method = invalidate.target().asMethod();
            if (ResponseCacheMethodScanner.effectiveAnnotation(method, method.declaringClass()) != null) {
                misuses.add(new CacheAndInvalidateException(method));
            }
            validateTags(method, "@ResponseCacheInvalidate", invalidate, misuses);
        }
        if (!misuses.isEmpty()) {
            errors.produce(new ValidationErrorBuildItem(misuses));
        }
        endpointNames.produce(new CachedEndpointNamesBuildItem(Set.copyOf(names.keySet())));
    }

    /** At startup, per-endpoint settings are checked against the endpoints the build found. */
    @BuildStep
    @Record(ExecutionTime.RUNTIME_INIT)
    void checkEndpointConfiguration(CachedEndpointNamesBuildItem endpointNames, ResponseCacheRecorder recorder) {
        recorder.checkEndpointConfiguration(endpointNames.names());
    }

    private static void validateCachedMethod(MethodInfo method, AnnotationInstance annotation, boolean fromClass,
            Map<String, MethodInfo> names, List<Throwable> misuses) {
        String streaming = ResponseCacheMethodScanner.streamingReason(method, method.declaringClass());
        if (streaming != null) {
            misuses.add(new StreamingMethodTargetException(method, streaming, fromClass));
            return;
        }
        String name = ResponseCacheMethodScanner.name(method, annotation);
        MethodInfo sameName = names.putIfAbsent(name, method);
        if (sameName != null) {
            misuses.add(new DuplicateEndpointNameException(name, sameName, method));
        }
        validateTags(method, "@ResponseCache", annotation, misuses);
    }

    private static void validateDurations(String target, AnnotationInstance annotation, List<Throwable> misuses) {
        long expire = ResponseCacheMethodScanner.expire(annotation);
        if (expire < 0) {
            misuses.add(new NegativeExpireException(target, "expire", expire));
        }
        for (String graceAttribute : List.of("staleWhileRevalidate", "staleIfError")) {
            long grace = ResponseCacheMethodScanner.longValue(annotation, graceAttribute, -1);
            if (grace < -1) {
                misuses.add(new NegativeExpireException(target, graceAttribute, grace));
            }
        }
    }

    /** Every {@code {name}} of a tag must be a path parameter of the method's path (its class's and its own). */
    private static void validateTags(MethodInfo method, String annotationName, AnnotationInstance annotation,
            List<Throwable> misuses) {
        List<String> tags = ResponseCacheMethodScanner.strings(annotation, "tags");
        if (tags.isEmpty()) {
            return;
        }
        Set<String> pathParameters = pathParameters(method);
        for (String tag : tags) {
            for (String parameter : TagTemplate.parse(tag).parameters()) {
                if (!pathParameters.contains(parameter)) {
                    misuses.add(new UnknownTagParameterException(method, annotationName, tag, parameter,
                            pathParameters));
                }
            }
        }
    }

    private static Set<String> pathParameters(MethodInfo method) {
        Set<String> parameters = new LinkedHashSet<>();
        for (AnnotationInstance path : new AnnotationInstance[] { method.declaringClass().declaredAnnotation(PATH),
                method.declaredAnnotation(PATH) }) {
            if (path != null && path.value() != null) {
                Matcher matcher = PATH_PARAMETER.matcher(path.value().asString());
                while (matcher.find()) {
                    parameters.add(matcher.group(1));
                }
            }
        }
        return parameters;
    }
}
