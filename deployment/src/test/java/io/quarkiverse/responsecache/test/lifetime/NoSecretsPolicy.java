package io.quarkiverse.responsecache.test.lifetime;

import java.time.Duration;

import jakarta.inject.Singleton;

import io.quarkiverse.responsecache.spi.ResponseCachePolicy;

/** Refuses bodies that start with {@code secret}, keeps {@code brief} ones 5 s, and fails on one endpoint. */
@Singleton
public class NoSecretsPolicy implements ResponseCachePolicy {

    @Override
    public Duration lifetime(Candidate response) {
        if (response.endpoint().equals("LifetimeResource.policyFails")) {
            throw new IllegalStateException("a bug in the application's policy");
        }
        if (response.entity() instanceof String body && body.startsWith("secret")) {
            return Duration.ZERO;
        }
        if (response.entity() instanceof String body && body.startsWith("brief")) {
            return Duration.ofSeconds(5);
        }
        return response.lifetime();
    }
}
