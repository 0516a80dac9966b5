package io.quarkiverse.responsecache.deployment;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.AnnotationTarget;
import org.jboss.jandex.ClassInfo;
import org.jboss.jandex.DotName;
import org.jboss.jandex.FieldInfo;
import org.jboss.jandex.IndexView;
import org.jboss.jandex.MethodInfo;
import org.jboss.jandex.Type;

/**
 * What one resource method can read of a request, found at build time where Quarkus REST finds it: the method's
 * parameters, the fields, constructor parameters and setters of its resource class and superclasses, and the
 * parameter containers ({@code @BeanParam} types, and classes or records with annotated members that Quarkus REST
 * accepts without {@code @BeanParam}), with both the JAX-RS and the {@code org.jboss.resteasy.reactive}
 * annotations. An injected context that can read any part of the request ({@code UriInfo}, {@code HttpHeaders},
 * {@code RoutingContext}...) is recorded as such: its endpoint gets the conservative key.
 */
final class EndpointInputs {

    /** Query parameters by name as declared, with their {@code @DefaultValue} or null; in order of discovery. */
    final Map<String, String> queryParameters = new LinkedHashMap<>();
    final Set<String> headers = new LinkedHashSet<>();
    final Set<String> cookies = new LinkedHashSet<>();
    /** Where each header was declared, by lower-case name, for messages. */
    final Map<String, String> headerSources = new LinkedHashMap<>();
    boolean matrixParameters;
    /** Whether a map of every query parameter is injected. */
    boolean allQueryParameters;
    /** What can read anything, e.g. {@code UriInfo (parameter uriInfo)}. */
    final List<String> readsAnything = new ArrayList<>();
    /** What reads the request body, e.g. {@code @FormParam name}. */
    final List<String> readsBody = new ArrayList<>();

    private final IndexView index;
    private final Set<DotName> visitedContainers = new HashSet<>();

    private EndpointInputs(IndexView index) {
        this.index = index;
    }

    /**
     * @param pathParameters the names of the path's template parameters, which Quarkus REST also binds to
     *        unannotated method parameters of the same name
     */
    static EndpointInputs of(IndexView index, ClassInfo servingClass, MethodInfo method, Set<String> pathParameters) {
        EndpointInputs inputs = new EndpointInputs(index);
        inputs.readMethodParameters(method, pathParameters);
        inputs.readHierarchy(servingClass.name(), "resource class ");
        return inputs;
    }

    /**
     * Reads the members of a class and its superclasses. A class the index does not hold may read anything, so it
     * makes the key conservative rather than leave an input out of it.
     */
    private void readHierarchy(DotName type, String role) {
        Set<DotName> visited = new HashSet<>();
        // the platform's classes (Object, Record...) declare no request parameters
        for (DotName name = type; name != null && !name.toString().startsWith("java.") && visited.add(name);) {
            ClassInfo clazz = index.getClassByName(name);
            if (clazz == null) {
                readsAnything.add(name.withoutPackagePrefix() + " (a " + role.trim() + " the build cannot read)");
                return;
            }
            if (role.startsWith("resource") || visitedContainers.add(name)) {
                readMembers(clazz, role + clazz.simpleName());
            }
            name = clazz.superName();
        }
    }

    private void readMethodParameters(MethodInfo method, Set<String> pathParameters) {
        for (int i = 0; i < method.parametersCount(); i++) {
            Type type = method.parameterType(i);
            String name = method.parameterName(i);
            String where = "parameter " + (name == null ? "#" + i : name);
            List<AnnotationInstance> annotations = InputAnnotations.parameterAnnotations(method, i);
            if (readAnnotated(annotations, type, name, where)) {
                continue;
            }
            // Quarkus REST binds an unannotated parameter by its type, then by its name
            if (EndpointInputDotNames.READS_ANYTHING.contains(type.name())) {
                readsAnything.add(type.name().withoutPackagePrefix() + " (" + where + ")");
            } else if (EndpointInputDotNames.NOTHING_TO_READ.contains(type.name())) {
                continue;
            } else if (isParameterContainer(type.name())) {
                readContainer(type.name());
            } else if (name != null && pathParameters.contains(name)) {
                continue;
            } else if (type.kind() != Type.Kind.PRIMITIVE || name != null) {
                readsBody.add("the request body (" + where + ")");
            }
        }
    }

    /** Fields, setters and constructor parameters of one class. */
    private void readMembers(ClassInfo clazz, String owner) {
        for (FieldInfo field : clazz.fields()) {
            String where = "field " + field.name() + " of " + owner;
            List<AnnotationInstance> annotations = field.annotations().stream()
                    .filter(a -> a.target() != null && a.target().kind() == AnnotationTarget.Kind.FIELD)
                    .toList();
            if (!readAnnotated(annotations, field.type(), field.name(), where)
                    && EndpointInputDotNames.READS_ANYTHING.contains(field.type().name())
                    && InputAnnotations.isInjected(annotations)) {
                readsAnything.add(field.type().name().withoutPackagePrefix() + " (" + where + ")");
            }
        }
        for (MethodInfo member : clazz.methods()) {
            if (member.isConstructor()) {
                for (int i = 0; i < member.parametersCount(); i++) {
                    Type type = member.parameterType(i);
                    String name = member.parameterName(i);
                    String where = "constructor parameter " + (name == null ? "#" + i : name) + " of " + owner;
                    if (!readAnnotated(InputAnnotations.parameterAnnotations(member, i), type, name, where)
                            && EndpointInputDotNames.READS_ANYTHING.contains(type.name())) {
                        readsAnything.add(type.name().withoutPackagePrefix() + " (" + where + ")");
                    }
                }
            } else if (member.parametersCount() == 1 && member.name().startsWith("set")) {
                List<AnnotationInstance> annotations = member.annotations().stream()
                        .filter(a -> a.target() != null
                                && a.target().kind() == AnnotationTarget.Kind.METHOD)
                        .toList();
                String property = member.name().length() > 3
                        ? Character.toLowerCase(member.name().charAt(3)) + member.name().substring(4)
                        : member.name();
                Type type = member.parameterType(0);
                String where = "setter " + member.name() + " of " + owner;
                if (!readAnnotated(annotations, type, property, where)
                        && EndpointInputDotNames.READS_ANYTHING.contains(type.name())
                        && InputAnnotations.isInjected(annotations)) {
                    readsAnything.add(type.name().withoutPackagePrefix() + " (" + where + ")");
                }
            }
        }
    }

    /**
     * Records what a parameter, field or setter annotated with a Quarkus REST parameter annotation reads.
     *
     * @param name the Java name, which the {@code Rest*} annotations use when they give none
     * @return whether it carried such an annotation
     */
    private boolean readAnnotated(List<AnnotationInstance> annotations, Type type, String name, String where) {
        String defaultValue = null;
        for (AnnotationInstance annotation : annotations) {
            if (annotation.name().equals(EndpointInputDotNames.DEFAULT_VALUE) && annotation.value() != null) {
                defaultValue = annotation.value().asString();
            }
        }
        boolean read = false;
        for (AnnotationInstance annotation : annotations) {
            DotName kind = annotation.name();
            if (EndpointInputDotNames.QUERY.contains(kind)) {
                read = true;
                if (EndpointInputDotNames.MAPS.contains(type.name())) {
                    allQueryParameters = true;
                } else {
                    String parameter = InputAnnotations.nameOf(annotation, name);
                    if (!queryParameters.containsKey(parameter)) {
                        queryParameters.put(parameter, defaultValue);
                    } else if (!Objects.equals(queryParameters.get(parameter), defaultValue)) {
                        // read twice with different defaults: an absent parameter is not the same as its default
                        queryParameters.put(parameter, null);
                    }
                }
            } else if (EndpointInputDotNames.HEADER.contains(kind)) {
                read = true;
                if (EndpointInputDotNames.MAPS.contains(type.name())) {
                    readsAnything.add("a map of every header (" + where + ")");
                } else {
                    String header = kind.equals(EndpointInputDotNames.REST_HEADER) && InputAnnotations.blank(annotation)
                            ? InputAnnotations.headerName(name)
                            : InputAnnotations.nameOf(annotation, name);
                    if (headers.add(header)) {
                        headerSources.putIfAbsent(header.toLowerCase(Locale.ROOT), "@" + kind.withoutPackagePrefix()
                                + "(\"" + header + "\") on its " + where);
                    }
                }
            } else if (EndpointInputDotNames.COOKIE.contains(kind)) {
                read = true;
                cookies.add(InputAnnotations.nameOf(annotation, name));
            } else if (EndpointInputDotNames.MATRIX.contains(kind)) {
                read = true;
                matrixParameters = true;
            } else if (EndpointInputDotNames.PATH.contains(kind)) {
                read = true;
                // a PathSegment carries its segment's matrix parameters
                if (InputAnnotations.mentions(type, EndpointInputDotNames.PATH_SEGMENT)) {
                    matrixParameters = true;
                }
            } else if (EndpointInputDotNames.FORM.contains(kind)) {
                read = true;
                readsBody.add("a form parameter (" + where + ")");
            } else if (kind.equals(EndpointInputDotNames.BEAN_PARAM)) {
                read = true;
                readContainer(type.name());
            } else if (kind.equals(EndpointInputDotNames.CONTEXT)) {
                read = true;
                if (EndpointInputDotNames.READS_ANYTHING.contains(type.name())) {
                    readsAnything.add(type.name().withoutPackagePrefix() + " (" + where + ")");
                }
            }
        }
        return read;
    }

    /** @return whether Quarkus REST treats the type as a parameter container: a class with annotated members */
    private boolean isParameterContainer(DotName type) {
        ClassInfo clazz = index.getClassByName(type);
        if (clazz == null) {
            return false;
        }
        for (DotName annotation : clazz.annotationsMap().keySet()) {
            if (EndpointInputDotNames.PARAMETERS.contains(annotation)) {
                return true;
            }
        }
        return false;
    }

    private void readContainer(DotName type) {
        readHierarchy(type, "parameter container ");
    }

}
