package io.quarkiverse.responsecache.runtime.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The one-line description of a key recipe, as the startup log and consoles show it. */
class KeyRecipeTest {

    @Test
    void aDeclaredRecipeListsItsInputs() {
        KeyRecipe recipe = new KeyRecipe(List.of("q", "page"), Map.of("page", "1"), false, List.of("Accept-Language"),
                List.of("session"), true, false, List.of());
        assertThat(recipe.conservative()).isFalse();
        assertThat(recipe.describe(true)).isEqualTo("path with matrix parameters, query [q, page=1], "
                + "headers [Accept-Language], cookies [session] (private), negotiated media type");
    }

    @Test
    void aConservativeRecipeSaysWhy() {
        KeyRecipe recipe = new KeyRecipe(List.of(), Map.of(), true, List.of(), List.of(), true, true,
                List.of("UriInfo (parameter uri)"));
        assertThat(recipe.conservative()).isTrue();
        assertThat(recipe.describe(false)).isEqualTo("scheme and host, path with matrix parameters, whole query string;"
                + " conservative, because it injects UriInfo (parameter uri)");
    }

    @Test
    void anEndpointTheBuildDidNotAnalyseIsKeyedByWhatItNames() {
        assertThat(KeyRecipe.named(List.of(), List.of()).describe(false)).isEqualTo("path, whole query string");
        assertThat(KeyRecipe.named(List.of("page"), List.of("X-Tenant")).describe(false))
                .isEqualTo("path, query [page], headers [X-Tenant]");
        CachedEndpoint endpoint = new CachedEndpoint("a#b", "A.b", "", List.of(), 0, List.of("X-Tenant"),
                List.of("page"), false, false, -1, -1);
        assertThat(endpoint.keyRecipe()).isEqualTo(KeyRecipe.named(List.of("page"), List.of("X-Tenant")));
    }
}
