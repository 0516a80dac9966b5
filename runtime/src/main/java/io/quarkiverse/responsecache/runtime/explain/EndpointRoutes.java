package io.quarkiverse.responsecache.runtime.explain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jboss.resteasy.reactive.common.util.Encode;
import org.jboss.resteasy.reactive.server.mapping.RequestMapper;
import org.jboss.resteasy.reactive.server.mapping.URITemplate;

import io.quarkiverse.responsecache.runtime.endpoint.EndpointRoute;

/**
 * The cached endpoints' path templates, matched with Quarkus REST's own template matcher ({@link RequestMapper},
 * {@link URITemplate}), so a template's regular expressions and precedence are Quarkus REST's. Only cached endpoints
 * are here: a URL that another, uncached endpoint of a more specific path would serve matches the cached one.
 */
public final class EndpointRoutes {

    private final RequestMapper<List<EndpointRoute>> mapper;
    private final List<String> templates = new ArrayList<>();

    public EndpointRoutes(List<EndpointRoute> routes) {
        Map<String, List<EndpointRoute>> byTemplate = new LinkedHashMap<>();
        for (EndpointRoute route : routes) {
            byTemplate.computeIfAbsent(route.pathTemplate(), template -> new ArrayList<>()).add(route);
        }
        ArrayList<RequestMapper.RequestPath<List<EndpointRoute>>> paths = new ArrayList<>();
        byTemplate.forEach((template, sharing) -> {
            paths.add(new RequestMapper.RequestPath<>(false, new URITemplate(template, false), List.copyOf(sharing)));
            templates.add("GET " + template);
        });
        this.mapper = new RequestMapper<>(paths);
    }

    /** @return every route, e.g. {@code GET /products/{id}}, for an answer that matched none */
    public List<String> templates() {
        return templates;
    }

    /**
     * @param path the request's path below the application's path, without matrix parameters
     * @param accept the request's {@code Accept}, which picks among endpoints sharing a path by what they produce
     * @return the endpoint the path matches, with its path parameters (decoded), or null
     */
    public Match match(String path, String accept) {
        RequestMapper.RequestMatch<List<EndpointRoute>> match = mapper.map(path);
        if (match == null || !match.remaining.isEmpty() && !match.remaining.equals("/")) {
            return null;
        }
        EndpointRoute route = match.value.get(0);
        for (EndpointRoute candidate : match.value) {
            if (!ExplainRequest.negotiate(candidate.produces(), accept).isEmpty()) {
                route = candidate;
                break;
            }
        }
        return new Match(route, parameters(match.template, match.pathParamValues));
    }

    /** @return the template's parameter names with their values, in the order the matcher captured them */
    private static Map<String, String> parameters(URITemplate template, String[] values) {
        Map<String, String> parameters = new LinkedHashMap<>();
        int index = 0;
        for (URITemplate.TemplateComponent component : template.components) {
            if (component.name != null) {
                put(parameters, component.name, values, index++);
            } else if (component.names != null) {
                for (String name : component.names) {
                    put(parameters, name, values, index++);
                }
            }
        }
        return parameters;
    }

    private static void put(Map<String, String> parameters, String name, String[] values, int index) {
        if (index < values.length && values[index] != null) {
            parameters.putIfAbsent(name, Encode.decodePath(values[index]));
        }
    }

    /**
     * @param route the endpoint matched
     * @param pathParameters its path parameters by name, decoded as the endpoint receives them
     */
    public record Match(EndpointRoute route, Map<String, String> pathParameters) {
    }
}
