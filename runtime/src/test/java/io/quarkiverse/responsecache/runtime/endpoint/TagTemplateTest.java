package io.quarkiverse.responsecache.runtime.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Tag templates name the path parameters they use; rendering them with parameters needs a Quarkus REST request and is
 * tested on booted applications.
 */
class TagTemplateTest {

    @Test
    void aTemplateNamesItsPathParametersInOrder() {
        assertThat(TagTemplate.parse("product:{id}").parameters()).containsExactly("id");
        assertThat(TagTemplate.parse("{shop}/product:{id}:v").parameters()).containsExactly("shop", "id");
        assertThat(TagTemplate.parse("{a}{b}").parameters()).containsExactly("a", "b");
        assertThat(TagTemplate.parse("{id}").parameters()).containsExactly("id");
    }

    @Test
    void spacesAroundAParameterNameDoNotCount() {
        assertThat(TagTemplate.parse("product:{ id }").parameters()).containsExactly("id");
        assertThat(TagTemplate.parse("{\tid}").parameters()).containsExactly("id");
    }

    @Test
    void aTemplateWithoutBracesIsALiteral() {
        TagTemplate products = TagTemplate.parse("products");
        assertThat(products.parameters()).isEmpty();
        assertThat(products.render(null)).as("a literal never looks at the request").isEqualTo("products");
        assertThat(TagTemplate.parse("").render(null)).isEmpty();
    }

    @Test
    void anUnclosedBraceIsPartOfTheLiteral() {
        assertThat(TagTemplate.parse("product:{id").parameters()).isEmpty();
        assertThat(TagTemplate.parse("product:{id").render(null)).isEqualTo("product:{id");
        assertThat(TagTemplate.parse("a}b{c").render(null)).isEqualTo("a}b{c");
        assertThat(TagTemplate.parse("{a}:{b").parameters()).containsExactly("a");
    }

    @Test
    void theParametersAreAnImmutableCopy() {
        List<String> parameters = TagTemplate.parse("{a}").parameters();
        assertThat(parameters).isUnmodifiable();
    }

    @Test
    void everyTemplateIsParsedInOrder() {
        List<TagTemplate> templates = TagTemplate.parseAll(List.of("products", "product:{id}", "{shop}:{id}"));
        assertThat(templates).extracting(TagTemplate::parameters)
                .containsExactly(List.of(), List.of("id"), List.of("shop", "id"));
        assertThat(TagTemplate.parseAll(List.of())).isEmpty();
    }

    @Test
    void renderingNoTemplatesGivesNoTagsWithoutLookingAtTheRequest() {
        assertThat(TagTemplate.renderAll(List.of(), null)).isEmpty();
        assertThat(TagTemplate.renderAll(TagTemplate.parseAll(List.of("products", "all")), null))
                .containsExactly("products", "all");
    }

    @Test
    void emptyBracesNameAnEmptyParameterAndParsingGoesOn() {
        // the build rejects a tag parameter that is not a path parameter; parsing must still end
        assertThat(TagTemplate.parse("product:{}").parameters()).containsExactly("");
        assertThat(TagTemplate.parse("{}{id}x{}").parameters()).containsExactly("", "id", "");
    }
}
