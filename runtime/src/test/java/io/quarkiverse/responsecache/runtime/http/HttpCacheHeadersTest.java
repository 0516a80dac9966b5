package io.quarkiverse.responsecache.runtime.http;

import static io.quarkiverse.responsecache.runtime.http.HttpCacheHeaders.hasDirective;
import static io.quarkiverse.responsecache.runtime.http.HttpCacheHeaders.ifNoneMatchMatches;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 9110 section 13.1.2 ({@code If-None-Match}) and RFC 9111 section 5.2 ({@code Cache-Control}) as parsed here. */
class HttpCacheHeadersTest {

    static final String ETAG = "\"abc\"";

    @ParameterizedTest
    @ValueSource(strings = { "\"abc\"", "W/\"abc\"", "*", " * ", "\"x\", \"abc\"", "\"x\",\"abc\"", "W/\"x\", W/\"abc\"",
            "\"abc\" , \"y\"", "\t\"abc\"", "\"abc\",", ", \"abc\"" })
    void matches(String ifNoneMatch) {
        assertThat(ifNoneMatchMatches(ifNoneMatch, ETAG)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = { "\"abcd\"", "abc", "\"abc", "garbage", "\"x\" \"abc\"", "\"x\";\"abc\"", "*, \"abc\"",
            "W/abc", "\"a\"bc\"", "", ",", "w/\"abc\"" })
    void doesNotMatch(String ifNoneMatch) {
        assertThat(ifNoneMatchMatches(ifNoneMatch, ETAG)).isFalse();
    }

    @Test
    void weakComparisonAlsoAppliesToAWeakCurrentTag() {
        assertThat(ifNoneMatchMatches("\"abc\"", "W/\"abc\"")).isTrue();
        assertThat(ifNoneMatchMatches(null, ETAG)).isFalse();
    }

    @Test
    void cacheControlIsReadAsAListOfDirectives() {
        assertThat(hasDirective("no-cache", "no-cache")).isTrue();
        assertThat(hasDirective("max-age=0, no-cache", "no-cache")).isTrue();
        assertThat(hasDirective("NO-CACHE", "no-cache")).isTrue();
        assertThat(hasDirective("no-cache=\"Set-Cookie\"", "no-cache")).isTrue();
        assertThat(hasDirective("private=\"a, no-store\", max-age=5", "no-store")).isFalse();
        assertThat(hasDirective("private=\"x, no-store, y\", max-age=5", "no-store")).isFalse();
        assertThat(hasDirective("private=\"x, y\", no-store", "no-store")).isTrue();
        assertThat(hasDirective("no-cache-please", "no-cache")).isFalse();
        assertThat(hasDirective("max-age=no-cache", "no-cache")).isFalse();
        assertThat(hasDirective(null, "no-cache")).isFalse();
        assertThat(hasDirective("", "no-store")).isFalse();
    }

    @Test
    void strongEtagDependsOnlyOnTheBody() {
        String first = HttpCacheHeaders.strongETag("body".getBytes(StandardCharsets.UTF_8));
        assertThat(first).matches("\"[A-Za-z0-9_-]{16}\"")
                .isEqualTo(HttpCacheHeaders.strongETag("body".getBytes(StandardCharsets.UTF_8)))
                .isNotEqualTo(HttpCacheHeaders.strongETag("Body".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void onlyA2xxResponseIsNotModified() {
        assertThat(HttpCacheHeaders.notModified(200, ETAG, ETAG)).isTrue();
        assertThat(HttpCacheHeaders.notModified(204, ETAG, ETAG)).isTrue();
        assertThat(HttpCacheHeaders.notModified(299, ETAG, ETAG)).isTrue();
        assertThat(HttpCacheHeaders.notModified(199, ETAG, ETAG)).isFalse();
        assertThat(HttpCacheHeaders.notModified(300, ETAG, ETAG)).isFalse();
        assertThat(HttpCacheHeaders.notModified(304, ETAG, ETAG)).isFalse();
        assertThat(HttpCacheHeaders.notModified(404, ETAG, ETAG)).isFalse();
        assertThat(HttpCacheHeaders.notModified(500, "*", ETAG)).isFalse();
        assertThat(HttpCacheHeaders.notModified(200, "\"other\"", ETAG)).isFalse();
        assertThat(HttpCacheHeaders.notModified(200, null, ETAG)).isFalse();
    }

    @Test
    void aCurrentTagThatIsNotAnEntityTagMatchesNothing() {
        for (String current : List.of("", "abc", "\"", "W/\"", "W/", "\"abc", "abc\"", "\"a b\"", "\"a\tb\"",
                "\"a\u007fb\"", "\"a\"b\"")) {
            assertThat(ifNoneMatchMatches("*", current)).as("* against %s", current).isFalse();
            assertThat(ifNoneMatchMatches(current, current)).as("%s against itself", current).isFalse();
        }
        assertThat(ifNoneMatchMatches("*", null)).isFalse();
    }

    @Test
    void theEmptyTagAndEveryVisibleCharacterMakeEntityTags() {
        for (String tag : List.of("\"\"", "W/\"\"", "\"!\"", "\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~\"", "\"é\"")) {
            assertThat(ifNoneMatchMatches(tag, tag)).as(tag).isTrue();
            assertThat(ifNoneMatchMatches("*", tag)).as("* against %s", tag).isTrue();
        }
    }

    @Test
    void aListWithAnElementThatIsNotAnEntityTagMatchesNothing() {
        assertThat(ifNoneMatchMatches("\"a b\", \"abc\"", ETAG)).isFalse();
        assertThat(ifNoneMatchMatches("\"abc\", \"a\u007fb\"", ETAG)).isFalse();
        assertThat(ifNoneMatchMatches("\"abc\", W/", ETAG)).isFalse();
        assertThat(ifNoneMatchMatches("\"abc\", \"", ETAG)).isFalse();
        assertThat(ifNoneMatchMatches("\"abc\", W/\"", ETAG)).isFalse();
    }

    @Test
    void aDirectivesSecondsAreReadFromTheList() {
        assertThat(HttpCacheHeaders.directiveSeconds("public, max-age=60", "max-age")).isEqualTo(60);
        assertThat(HttpCacheHeaders.directiveSeconds("S-MAXAGE = 30 ,max-age=60", "s-maxage")).isEqualTo(30);
        assertThat(HttpCacheHeaders.directiveSeconds("max-age=\"45\"", "max-age")).isEqualTo(45);
        assertThat(HttpCacheHeaders.directiveSeconds("max-age=99999999999999", "max-age")).isEqualTo(1L << 31);
        assertThat(HttpCacheHeaders.directiveSeconds("s-maxage=60", "max-age")).as("absent").isEqualTo(-1);
        assertThat(HttpCacheHeaders.directiveSeconds(null, "max-age")).isEqualTo(-1);
        assertThat(HttpCacheHeaders.directiveSeconds("max-age=soon", "max-age")).as("stale at once").isZero();
        assertThat(HttpCacheHeaders.directiveSeconds("max-age", "max-age")).isZero();
        assertThat(HttpCacheHeaders.directiveSeconds("max-age=-5", "max-age")).isZero();
    }
}
