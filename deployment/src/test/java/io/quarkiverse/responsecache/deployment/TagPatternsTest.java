package io.quarkiverse.responsecache.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Which tag templates can meet: a brace is any non-empty path parameter value. */
class TagPatternsTest {

    @Test
    void literalsMatchOnlyThemselves() {
        assertThat(TagPatterns.overlap("reviews", "reviews")).isTrue();
        assertThat(TagPatterns.overlap("reviews", "review")).isFalse();
        assertThat(TagPatterns.overlap("", "")).isTrue();
    }

    @Test
    void templatesWithOtherParameterNamesMatch() {
        assertThat(TagPatterns.overlap("product:{id}", "product:{pid}")).isTrue();
        assertThat(TagPatterns.overlap("product:{ id }", "product:{sku}")).isTrue();
    }

    @Test
    void aTemplateMatchesTheTagsItRenders() {
        assertThat(TagPatterns.overlap("product:{id}", "product:42")).isTrue();
        assertThat(TagPatterns.overlap("product:42", "product:{id}")).isTrue();
        assertThat(TagPatterns.overlap("product:{id}:reviews", "product:7:reviews")).isTrue();
        assertThat(TagPatterns.overlap("product:{id}", "order:42")).isFalse();
        assertThat(TagPatterns.overlap("product:{id}:reviews", "product:7:ratings")).isFalse();
    }

    @Test
    void aBraceIsNeverEmpty() {
        assertThat(TagPatterns.overlap("product:{id}", "product:")).isFalse();
        assertThat(TagPatterns.overlap("{a}{b}", "x")).isFalse();
        assertThat(TagPatterns.overlap("{a}{b}", "xy")).isTrue();
    }

    @Test
    void aParameterValueMayHoldAnyCharacter() {
        // a decoded path parameter may contain the template's own separators
        assertThat(TagPatterns.overlap("product:{id}", "product:{a}:{b}")).isTrue();
        assertThat(TagPatterns.overlap("{shop}:product:{id}", "eu:{x}")).isTrue();
        assertThat(TagPatterns.overlap("a{x}b", "{y}c")).isFalse();
        assertThat(TagPatterns.overlap("a{x}b", "{y}b")).isTrue();
    }

    @Test
    void wildcardsOnBothSidesInterleave() {
        assertThat(TagPatterns.overlap("{a}:x", "y:{b}")).isTrue();
        assertThat(TagPatterns.overlap("x{a}", "{b}y")).isTrue();
        assertThat(TagPatterns.overlap("x{a}", "y{b}")).isFalse();
    }

    @Test
    void anUnclosedBraceIsALiteral() {
        assertThat(TagPatterns.overlap("product:{id", "product:{id")).isTrue();
        assertThat(TagPatterns.overlap("product:{id", "product:42")).isFalse();
    }

    @Test
    void closestCandidatesComeFirst() {
        List<String> produced = List.of("reviews", "product:{id}", "catalog", "products");
        assertThat(TagPatterns.closest("prodcut:{id}", produced, 2)).containsExactly("product:{id}", "products");
        assertThat(TagPatterns.closest("x", List.of(), 3)).isEmpty();
        assertThat(TagPatterns.distance("kitten", "sitting")).isEqualTo(3);
    }
}
