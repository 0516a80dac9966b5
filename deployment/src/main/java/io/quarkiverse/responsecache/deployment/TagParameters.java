package io.quarkiverse.responsecache.deployment;

import static io.quarkiverse.responsecache.deployment.ResponseCacheDotNames.PATH;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.ClassInfo;
import org.jboss.jandex.MethodInfo;

import io.quarkiverse.responsecache.deployment.ResponseCacheDefinitionException.UnknownTagParameterException;
import io.quarkiverse.responsecache.runtime.endpoint.TagTemplate;

/** Checks, at build time, that the path parameters a tag template names exist in the method's path. */
final class TagParameters {

    private static final Pattern PATH_PARAMETER = Pattern.compile("\\{\\s*([^}:\\s]+)\\s*(:[^}]*)?}");

    private TagParameters() {
    }

    /**
     * Every {@code {name}} of a tag must be a path parameter of the method's path (its class's and its own).
     *
     * @return whether all are
     */
    static boolean validTags(MethodInfo method, ClassInfo servingClass, String annotationName, List<String> tags,
            List<Throwable> misuses) {
        if (tags.isEmpty()) {
            return true;
        }
        Set<String> pathParameters = pathParameters(method, servingClass);
        boolean valid = true;
        for (String tag : tags) {
            for (String parameter : TagTemplate.parse(tag).parameters()) {
                if (!pathParameters.contains(parameter)) {
                    misuses.add(new UnknownTagParameterException(method, annotationName, tag, parameter,
                            pathParameters));
                    valid = false;
                }
            }
        }
        return valid;
    }

    /** @return the template parameters of the method's path, its class's and its own */
    static Set<String> pathParameters(MethodInfo method, ClassInfo servingClass) {
        Set<String> parameters = new LinkedHashSet<>();
        for (AnnotationInstance path : new AnnotationInstance[] { servingClass.declaredAnnotation(PATH),
                method.declaringClass().declaredAnnotation(PATH), method.declaredAnnotation(PATH) }) {
            if (path != null && path.value() != null) {
                Matcher matcher = PATH_PARAMETER.matcher(path.value().asString());
                while (matcher.find()) {
                    parameters.add(matcher.group(1));
                }
            }
        }
        return parameters;
    }
}
