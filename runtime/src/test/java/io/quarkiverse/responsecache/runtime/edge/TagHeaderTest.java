package io.quarkiverse.responsecache.runtime.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

class TagHeaderTest {

    final EdgeKeys keys = new EdgeKeys("response-cache");
    final List<String> own = List.of(keys.all(), keys.namespace("items"), "response-cache:items:abc");

    @Test
    void listsTheResponsesKeysInTheConventionsOfItsHeader() {
        List<String> tags = List.of("item:42", "shop");
        List<String> entityTags = List.of("entity:Book#7", "entity:Book#*");

        assertThat(TagHeader.named("xkey").value(keys, own, tags, entityTags)).isEqualTo(
                "response-cache response-cache#ns:items response-cache:items:abc item:42 shop entity:Book#7 entity:Book#*");
        assertThat(TagHeader.named("Surrogate-Key").value(keys, own, tags, List.of()))
                .isEqualTo("response-cache response-cache#ns:items response-cache:items:abc item:42 shop");
        assertThat(TagHeader.named("Cache-Tag").value(keys, own, tags, List.of()))
                .isEqualTo("response-cache,response-cache#ns:items,response-cache:items:abc,item:42,shop");
    }

    @Test
    void encodesWhatAHeaderCannotCarryTheWayPurgesDo() {
        String value = TagHeader.named("Cache-Tag").value(keys, List.of(), List.of("a b,c%d", "caf\u00e9"),
                List.of());

        assertThat(value).isEqualTo("a%20b%2Cc%25d,caf%C3%A9");
        assertThat(keys.purged("tag", List.of("a b,c%d"))).containsExactly("a%20b%2Cc%25d", keys.overflow());
        assertThat(keys.namespace("my ns")).isEqualTo("response-cache#ns:my%20ns");
    }

    @Test
    void entityRowsGiveWayToTheirTypesWhenTheyDoNotFit() {
        List<String> rows = new ArrayList<>();
        for (int id = 0; id < 1000; id++) {
            rows.add("entity:Book#" + id);
        }
        rows.add("entity:Book#*");
        rows.add("entity:Author#1");

        String value = TagHeader.named("xkey").value(keys, own, List.of("shelf"), rows);

        assertThat(value.split(" ")).containsExactly("response-cache", "response-cache#ns:items",
                "response-cache:items:abc", "shelf", "entity:Book", "entity:Author");
    }

    @Test
    void keysThatStillDoNotFitAreReplacedByTheOverflowKey() {
        String tooLong = "t".repeat(1025);
        List<String> tags = new ArrayList<>(List.of("kept", tooLong));
        for (int i = 0; i < 2000; i++) {
            tags.add("tag-number-" + i);
        }

        TagHeader surrogateKey = TagHeader.named("Surrogate-Key");
        String value = surrogateKey.value(keys, own, tags, List.of("entity:Book#1"));

        List<String> sent = Arrays.asList(value.split(" "));
        assertThat(value.length()).isLessThanOrEqualTo(16 * 1024);
        assertThat(sent).startsWith("response-cache", "response-cache#ns:items", "response-cache:items:abc", "kept")
                .doesNotContain(tooLong).endsWith(keys.overflow());
        // every purge names the overflow key, so a left-out tag still reaches this response
        assertThat(keys.purged("tag", List.of("tag-number-1999"))).contains(keys.overflow());
        assertThat(keys.purged("url", List.of("/items/1"))).containsExactly("response-cache#url:/items/1",
                keys.overflow());
        assertThat(keys.purged("all", List.of(""))).containsExactly("response-cache");
    }

    @Test
    void theTypeOfAnEntityTagIsWhatEveryWriteOfTheTypeEvicts() {
        assertThat(TagHeader.typeOf("entity:Book#42")).isEqualTo("entity:Book");
        assertThat(TagHeader.typeOf("entity:Book#*")).isEqualTo("entity:Book");
        assertThat(TagHeader.typeOf("entity:Book")).isEqualTo("entity:Book");
    }
}
