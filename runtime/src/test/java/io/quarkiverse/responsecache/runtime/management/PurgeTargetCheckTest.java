package io.quarkiverse.responsecache.runtime.management;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PurgeTargetCheckTest {

    private final PurgeTargetCheck defaultLayout = new PurgeTargetCheck("rc", true);
    private final PurgeTargetCheck customLayout = new PurgeTargetCheck("rc", false);

    @Test
    void aKeyMustBeAnEntryKeyOfThisCache() {
        assertThat(defaultLayout.refusal(PurgeTarget.KEY, "rc:products:F-r0uBzqZn-JyDo12345_a")).isNull();
        assertThat(defaultLayout.refusal(PurgeTarget.KEY, "rc::F-r0uBzqZn-JyDo12345_a")).isNull();
        assertThat(defaultLayout.refusal(PurgeTarget.KEY, "app:data:99")).contains("not a key of this cache");
        assertThat(defaultLayout.refusal(PurgeTarget.KEY, "rcx:products:F-r0uBzqZn-JyDo12345_a"))
                .contains("not a key of this cache");
        assertThat(defaultLayout.refusal(PurgeTarget.KEY, "rc#tag:product:1")).contains("not a key of this cache");
        assertThat(defaultLayout.refusal(PurgeTarget.KEY, "rc:products:short")).contains("22-character hash");
        assertThat(defaultLayout.refusal(PurgeTarget.KEY, "rc:products:F-r0uBzqZn-JyDo12345_a:lock"))
                .contains("lock");
    }

    @Test
    void aCustomKeyBuildersKeysNeedOnlyThePrefix() {
        assertThat(customLayout.refusal(PurgeTarget.KEY, "rc:anything/at/all")).isNull();
        assertThat(customLayout.refusal(PurgeTarget.KEY, "app:data:99")).contains("not a key of this cache");
        assertThat(customLayout.refusal(PurgeTarget.KEY, "rc:anything:lock")).contains("lock");
    }

    @Test
    void emptyBlankAndMalformedTargetsAreRefused() {
        for (PurgeTarget target : PurgeTarget.values()) {
            assertThat(defaultLayout.refusal(target, "")).isEqualTo(target.parameter() + " must not be empty");
            assertThat(defaultLayout.refusal(target, null)).isEqualTo(target.parameter() + " must not be empty");
            assertThat(defaultLayout.refusal(target, "a\nb")).contains("control character");
        }
        assertThat(defaultLayout.refusal(PurgeTarget.TAG, "  ")).contains("blank");
        assertThat(defaultLayout.refusal(PurgeTarget.NAMESPACE, " ")).contains("blank");
        assertThat(defaultLayout.refusal(PurgeTarget.URL, "items/1")).contains("starting with /");
        assertThat(defaultLayout.refusal(PurgeTarget.URL, "/items/1?view=x")).contains("without a query");
        assertThat(defaultLayout.refusal(PurgeTarget.ALL, "yes")).contains("all=true");
        assertThat(defaultLayout.refusal(PurgeTarget.TAG, "x".repeat(PurgeTargetCheck.MAX_LENGTH + 1)))
                .contains("longer than");
    }

    @Test
    void wellFormedTargetsPass() {
        assertThat(defaultLayout.refusal(PurgeTarget.TAG, "product:42")).isNull();
        assertThat(defaultLayout.refusal(PurgeTarget.NAMESPACE, "products")).isNull();
        assertThat(defaultLayout.refusal(PurgeTarget.URL, "/products/42")).isNull();
        assertThat(defaultLayout.refusal(PurgeTarget.ALL, "true")).isNull();
    }

    @Test
    void aPermissionCoversThePurgePathOnlyWhenItsPatternMatches() {
        assertThat(PurgeExposureCheck.covers("/q/response-cache/*", "/q/response-cache/evict")).isTrue();
        assertThat(PurgeExposureCheck.covers("/api/*, /q/*", "/q/response-cache/evict")).isTrue();
        assertThat(PurgeExposureCheck.covers("/*", "/q/response-cache/evict")).isTrue();
        assertThat(PurgeExposureCheck.covers("/api/*", "/q/response-cache/evict")).isFalse();
        assertThat(PurgeExposureCheck.covers("/q/response-cache/soft-purge", "/q/response-cache/evict")).isFalse();
    }
}
