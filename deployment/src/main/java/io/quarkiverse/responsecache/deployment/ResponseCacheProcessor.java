package io.quarkiverse.responsecache.deployment;

import static io.quarkiverse.responsecache.deployment.ResponseCacheDotNames.GET;
import static io.quarkiverse.responsecache.deployment.ResponseCacheDotNames.RESPONSE_CACHE;

import java.util.ArrayList;
import java.util.List;

import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.ClassInfo;
import org.jboss.jandex.MethodInfo;

import io.quarkiverse.responsecache.deployment.ResponseCacheDefinitionException.NegativeExpireException;
import io.quarkiverse.responsecache.deployment.ResponseCacheDefinitionException.NonGetMethodTargetException;
import io.quarkiverse.responsecache.deployment.ResponseCacheDefinitionException.StreamingMethodTargetException;
import io.quarkiverse.responsecache.runtime.DefaultResponseCacheKeyBuilder;
import io.quarkiverse.responsecache.runtime.ResponseCacheBuildTimeConfig;
import io.quarkiverse.responsecache.runtime.ResponseCacheService;
import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.arc.deployment.ValidationPhaseBuildItem;
import io.quarkus.arc.deployment.ValidationPhaseBuildItem.ValidationErrorBuildItem;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.builditem.CombinedIndexBuildItem;
import io.quarkus.deployment.builditem.FeatureBuildItem;
import io.quarkus.deployment.builditem.RunTimeConfigurationDefaultBuildItem;
import io.quarkus.redis.deployment.client.RequestedRedisClientBuildItem;
import io.quarkus.redis.runtime.client.config.RedisConfig;
import io.quarkus.resteasy.reactive.server.spi.MethodScannerBuildItem;

class ResponseCacheProcessor {

    private static final String FEATURE = "response-cache";

    @BuildStep
    FeatureBuildItem feature() {
        return new FeatureBuildItem(FEATURE);
    }

    @BuildStep
    AdditionalBeanBuildItem beans() {
        // looked up by the handlers, not injected anywhere, so they must survive unused-bean removal
        return AdditionalBeanBuildItem.builder()
                .addBeanClasses(ResponseCacheService.class, DefaultResponseCacheKeyBuilder.class)
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
                .map(name -> "quarkus.redis.\"" + name + "\".")
                .orElse("quarkus.redis.");
        return new RunTimeConfigurationDefaultBuildItem(client + "max-pool-waiting", "1024");
    }

    @BuildStep
    MethodScannerBuildItem wireCachedEndpoints() {
        return new MethodScannerBuildItem(new ResponseCacheMethodScanner());
    }

    /**
     * Finds every misuse of {@code @ResponseCache} and reports them together, so one build shows them all.
     */
    @BuildStep
    void validate(CombinedIndexBuildItem index, ValidationPhaseBuildItem validationPhase,
            BuildProducer<ValidationErrorBuildItem> errors) {
        List<Throwable> misuses = new ArrayList<>();
        for (AnnotationInstance annotation : index.getIndex().getAnnotations(RESPONSE_CACHE)) {
            switch (annotation.target().kind()) {
                case METHOD -> validateMethod(annotation.target().asMethod(), annotation, misuses);
                case CLASS -> validateClass(annotation.target().asClass(), annotation, misuses);
                default -> {
                }
            }
        }
        if (!misuses.isEmpty()) {
            errors.produce(new ValidationErrorBuildItem(misuses));
        }
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

    private static void validateMethod(MethodInfo method, AnnotationInstance annotation, List<Throwable> misuses) {
        validateDurations(ResponseCacheDefinitionException.describe(method), annotation, misuses);
        if (!method.hasDeclaredAnnotation(GET)) {
            misuses.add(new NonGetMethodTargetException(method));
            return;
        }
        String streaming = ResponseCacheMethodScanner.streamingReason(method, method.declaringClass());
        if (streaming != null) {
            misuses.add(new StreamingMethodTargetException(method, streaming, false));
        }
    }

    private static void validateClass(ClassInfo clazz, AnnotationInstance annotation, List<Throwable> misuses) {
        validateDurations(ResponseCacheDefinitionException.describe(clazz), annotation, misuses);
        for (MethodInfo method : clazz.methods()) {
            if (method.hasDeclaredAnnotation(GET) && !method.hasDeclaredAnnotation(RESPONSE_CACHE)) {
                String streaming = ResponseCacheMethodScanner.streamingReason(method, clazz);
                if (streaming != null) {
                    misuses.add(new StreamingMethodTargetException(method, streaming, true));
                }
            }
        }
    }
}
