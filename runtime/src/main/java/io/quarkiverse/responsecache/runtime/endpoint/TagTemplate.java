package io.quarkiverse.responsecache.runtime.endpoint;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;

/**
 * A tag such as {@code product:{id}}, parsed once: literal parts, and path parameters filled from each request.
 */
public final class TagTemplate {

    private final String[] literals;
    private final String[] parameters;

    private TagTemplate(String[] literals, String[] parameters) {
        this.literals = literals;
        this.parameters = parameters;
    }

    public static TagTemplate parse(String template) {
        List<String> literals = new ArrayList<>();
        List<String> parameters = new ArrayList<>();
        int position = 0;
        while (true) {
            int open = template.indexOf('{', position);
            int close = open < 0 ? -1 : template.indexOf('}', open);
            if (close < 0) {
                literals.add(template.substring(position));
                break;
            }
            literals.add(template.substring(position, open));
            parameters.add(template.substring(open + 1, close).trim());
            position = close + 1;
        }
        return new TagTemplate(literals.toArray(String[]::new), parameters.toArray(String[]::new));
    }

    public List<String> parameters() {
        return List.of(parameters);
    }

    public String render(ResteasyReactiveRequestContext request) {
        if (parameters.length == 0) {
            return literals[0];
        }
        StringBuilder tag = new StringBuilder(32);
        for (int i = 0; i < parameters.length; i++) {
            tag.append(literals[i]).append(request.getPathParameter(parameters[i], false));
        }
        return tag.append(literals[parameters.length]).toString();
    }

    /** @return the tag for these path parameters (decoded), by name; a missing one renders as {@code null} */
    public String renderWith(Map<String, String> pathParameters) {
        StringBuilder tag = new StringBuilder(32);
        for (int i = 0; i < parameters.length; i++) {
            tag.append(literals[i]).append(pathParameters.get(parameters[i]));
        }
        return tag.append(literals[parameters.length]).toString();
    }

    public static List<String> renderAll(List<TagTemplate> templates, ResteasyReactiveRequestContext request) {
        if (templates.isEmpty()) {
            return List.of();
        }
        List<String> rendered = new ArrayList<>(templates.size());
        for (TagTemplate template : templates) {
            rendered.add(template.render(request));
        }
        return rendered;
    }

    public static List<TagTemplate> parseAll(List<String> templates) {
        return templates.stream().map(TagTemplate::parse).toList();
    }
}
