package io.quarkiverse.responsecache.deployment;

import java.util.ArrayList;
import java.util.List;

import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.AnnotationTarget;
import org.jboss.jandex.AnnotationValue;
import org.jboss.jandex.DotName;
import org.jboss.jandex.MethodInfo;
import org.jboss.jandex.Type;

/** How Quarkus REST reads a parameter's annotations: which are injected, and the names they give. */
final class InputAnnotations {

    private InputAnnotations() {
    }

    static List<AnnotationInstance> parameterAnnotations(MethodInfo method, int position) {
        List<AnnotationInstance> annotations = new ArrayList<>();
        for (AnnotationInstance annotation : method.annotations()) {
            if (annotation.target() != null
                    && annotation.target().kind() == AnnotationTarget.Kind.METHOD_PARAMETER
                    && annotation.target().asMethodParameter().position() == position) {
                annotations.add(annotation);
            }
        }
        return annotations;
    }

    static boolean isInjected(List<AnnotationInstance> annotations) {
        for (AnnotationInstance annotation : annotations) {
            if (EndpointInputDotNames.INJECTION.contains(annotation.name())) {
                return true;
            }
        }
        return false;
    }

    static boolean mentions(Type type, DotName name) {
        if (type.name().equals(name)) {
            return true;
        }
        if (type.kind() == Type.Kind.PARAMETERIZED_TYPE) {
            for (Type argument : type.asParameterizedType().arguments()) {
                if (mentions(argument, name)) {
                    return true;
                }
            }
        }
        return type.kind() == Type.Kind.ARRAY && mentions(type.asArrayType().constituent(), name);
    }

    static boolean blank(AnnotationInstance annotation) {
        AnnotationValue value = annotation.value();
        return value == null || value.asString().isBlank();
    }

    static String nameOf(AnnotationInstance annotation, String javaName) {
        return blank(annotation) ? String.valueOf(javaName) : annotation.value().asString();
    }

    /** {@code @RestHeader String userAgent} reads {@code User-Agent}, as Quarkus REST names it. */
    static String headerName(String javaName) {
        if (javaName == null || javaName.isEmpty()) {
            return String.valueOf(javaName);
        }
        StringBuilder header = new StringBuilder();
        header.append(Character.toUpperCase(javaName.charAt(0)));
        for (int i = 1; i < javaName.length(); i++) {
            char c = javaName.charAt(i);
            if (Character.isUpperCase(c)) {
                header.append('-');
            }
            header.append(c);
        }
        return header.toString();
    }
}
