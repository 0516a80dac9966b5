package io.quarkiverse.responsecache.deployment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.jboss.jandex.ClassInfo;
import org.jboss.jandex.IndexView;
import org.jboss.jandex.MethodInfo;

import io.quarkiverse.responsecache.deployment.ResponseCacheDefinitionException.DeclaredVaryHeaderException;
import io.quarkiverse.responsecache.deployment.ResponseCacheDefinitionException.RequestBodyReadException;
import io.quarkiverse.responsecache.deployment.ResponseCacheDefinitionException.UnreadableQueryParameterException;
import io.quarkiverse.responsecache.runtime.endpoint.KeyRecipe;

/**
 * Derives an endpoint's {@link KeyRecipe} from what it reads ({@link EndpointInputs}) and the annotation's explicit
 * {@code queryParameters} and {@code varyHeaders}, reporting their misuse.
 */
final class KeyRecipes {

    private KeyRecipes() {
    }

    /** @return the recipe, or null when a misuse was reported */
    static KeyRecipe derive(IndexView index, ClassInfo servingClass, MethodInfo method, List<String> queryOverride,
            List<String> varyHeaders, List<Throwable> misuses) {
        EndpointInputs inputs = EndpointInputs.of(index, servingClass, method,
                TagParameters.pathParameters(method, servingClass));
        int before = misuses.size();
        if (!inputs.readsBody.isEmpty()) {
            misuses.add(new RequestBodyReadException(method, servingClass, inputs.readsBody));
        }
        boolean readsAnything = !inputs.readsAnything.isEmpty();
        boolean wholeQuery = readsAnything || inputs.allQueryParameters;
        List<String> queryParameters = new ArrayList<>(inputs.queryParameters.keySet());
        Map<String, String> queryDefaults = new LinkedHashMap<>();
        inputs.queryParameters.forEach((name, defaultValue) -> {
            if (defaultValue != null) {
                queryDefaults.put(name, defaultValue);
            }
        });
        if (!queryOverride.isEmpty()) {
            for (String name : queryOverride) {
                if (!wholeQuery && queryParameters.stream().noneMatch(name::equalsIgnoreCase)) {
                    misuses.add(new UnreadableQueryParameterException(method, servingClass, name, queryParameters));
                }
            }
            queryDefaults.keySet().retainAll(queryOverride);
            queryParameters = queryOverride;
            wholeQuery = false;
        }
        Set<String> headers = new LinkedHashSet<>(inputs.headers);
        for (String header : varyHeaders) {
            String declared = inputs.headerSources.get(header.toLowerCase(Locale.ROOT));
            if (declared != null) {
                misuses.add(new DeclaredVaryHeaderException(method, servingClass, header, declared));
            }
            headers.add(header);
        }
        if (misuses.size() > before) {
            return null;
        }
        return new KeyRecipe(queryParameters, queryDefaults, wholeQuery, List.copyOf(headers),
                List.copyOf(inputs.cookies), inputs.matrixParameters || readsAnything, readsAnything,
                inputs.readsAnything);
    }
}
