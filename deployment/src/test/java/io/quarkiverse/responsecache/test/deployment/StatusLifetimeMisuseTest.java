package io.quarkiverse.responsecache.test.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import jakarta.enterprise.inject.spi.DeploymentException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.responsecache.ResponseCache;
import io.quarkiverse.responsecache.ResponseCache.StatusExpire;
import io.quarkiverse.responsecache.deployment.ResponseCacheDefinitionException.DuplicateStatusExpireException;
import io.quarkiverse.responsecache.deployment.ResponseCacheDefinitionException.StatusExpireRangeException;
import io.quarkiverse.responsecache.deployment.ResponseCacheDefinitionException.UncacheableStatusExpireException;
import io.quarkiverse.responsecache.testing.LocalRedisUnitTest;
import io.quarkus.test.QuarkusUnitTest;

/** Every per-status lifetime that no response could have fails the build, naming the method and the fix. */
class StatusLifetimeMisuseTest {

    @RegisterExtension
    static final QuarkusUnitTest app = LocalRedisUnitTest.app("status-lifetime-misuse")
            .withApplicationRoot(root -> root.addClasses(MisusedLifetimes.class))
            .assertException(failure -> {
                assertThat(failure).isInstanceOf(DeploymentException.class);
                List<Throwable> misuses = LocalRedisUnitTest.reportedErrors(failure);
                assertThat(misuses).hasSize(5);
                assertThat(misuses).filteredOn(UncacheableStatusExpireException.class::isInstance)
                        .extracting(Throwable::getMessage)
                        .anySatisfy(m -> assertThat(m).contains("'noContent'", MisusedLifetimes.class.getName(),
                                "status 204", "Fix: remove the @StatusExpire of status 204"))
                        .anySatisfy(m -> assertThat(m).contains("'notModified'", "status 304"));
                assertThat(misuses).filteredOn(StatusExpireRangeException.class::isInstance)
                        .extracting(Throwable::getMessage)
                        .anySatisfy(m -> assertThat(m).contains("'negative'", "expire = -30", "not positive", "Fix:"))
                        .anySatisfy(m -> assertThat(m).contains("'tooLong'", "expire = 86400000", "more than a year",
                                "Fix:"));
                assertThat(misuses).filteredOn(DuplicateStatusExpireException.class::isInstance).singleElement()
                        .extracting(Throwable::getMessage).asString()
                        .contains("'twice'", "status 404 twice", "Fix: keep one");
            });

    @Path("/misused-lifetimes")
    public static class MisusedLifetimes {

        @GET
        @Path("/no-content")
        @ResponseCache(expireByStatus = @StatusExpire(status = 204, expire = 30))
        public String noContent() {
            return "";
        }

        @GET
        @Path("/not-modified")
        @ResponseCache(expireByStatus = @StatusExpire(status = { 404, 304 }, expire = 30))
        public String notModified() {
            return "";
        }

        @GET
        @Path("/negative")
        @ResponseCache(expireByStatus = @StatusExpire(status = 404, expire = -30))
        public String negative() {
            return "";
        }

        @GET
        @Path("/too-long")
        @ResponseCache(expireByStatus = @StatusExpire(status = 301, expire = 86_400_000))
        public String tooLong() {
            return "";
        }

        @GET
        @Path("/twice")
        @ResponseCache(expireByStatus = { @StatusExpire(status = 404, expire = 30),
                @StatusExpire(status = { 410, 404 }, expire = 60) })
        public String twice() {
            return "";
        }
    }

    @Test
    void buildFails() {
        throw new AssertionError("the build should have failed");
    }
}
