package io.quarkiverse.responsecache.deployment;

import static io.quarkiverse.responsecache.deployment.EndpointAnnotations.name;
import static io.quarkiverse.responsecache.deployment.ResponseCacheDotNames.GET;

import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jboss.jandex.ClassInfo;
import org.jboss.jandex.DotName;
import org.jboss.jandex.IndexView;
import org.jboss.jandex.MethodInfo;

/** The resource methods of each class that serves resources, as Quarkus REST sees them; looked up once per class. */
final class ResourceMethods {

    private final IndexView index;
    /** The annotations that make a method a resource method ({@code @GET}, {@code @POST}...). */
    private final Set<DotName> httpMethods;
    private final Map<DotName, List<MethodInfo>> methodsByClass = new HashMap<>();

    ResourceMethods(IndexView index, Set<DotName> httpMethods) {
        this.index = index;
        this.httpMethods = httpMethods;
    }

    /** A resource declared by an interface or an abstract class is served by its concrete implementations. */
    static Set<ClassInfo> servingClasses(IndexView index, Collection<ClassInfo> resourceClasses) {
        Set<ClassInfo> serving = new LinkedHashSet<>();
        for (ClassInfo resource : resourceClasses) {
            if (isConcrete(resource)) {
                serving.add(resource);
            }
            Collection<ClassInfo> implementations = resource.isInterface()
                    ? index.getAllKnownImplementors(resource.name())
                    : index.getAllKnownSubclasses(resource.name());
            for (ClassInfo implementation : implementations) {
                if (isConcrete(implementation)) {
                    serving.add(implementation);
                }
            }
        }
        return serving;
    }

    private static boolean isConcrete(ClassInfo clazz) {
        return !clazz.isInterface() && !Modifier.isAbstract(clazz.flags());
    }

    /**
     * @return the resource methods of the serving class, its own first, then those it inherits that it does not
     *         override, as Quarkus REST sees them
     */
    List<MethodInfo> of(ClassInfo servingClass) {
        return methodsByClass.computeIfAbsent(servingClass.name(), name -> collectResourceMethods(servingClass));
    }

    private List<MethodInfo> collectResourceMethods(ClassInfo servingClass) {
        List<MethodInfo> methods = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        collectResourceMethods(servingClass, methods, seen, new HashSet<>());
        return methods;
    }

    private void collectResourceMethods(ClassInfo clazz, List<MethodInfo> methods, Set<String> seen,
            Set<DotName> visited) {
        if (clazz == null || !visited.add(clazz.name())) {
            return;
        }
        for (MethodInfo method : clazz.methods()) {
            String signature = method.name() + method.parameterTypes();
            // an override without JAX-RS annotations is not a resource method: the overridden one, further up, is
            if (isResourceMethod(method) && seen.add(signature)) {
                methods.add(method);
            }
        }
        if (clazz.superName() != null) {
            collectResourceMethods(index.getClassByName(clazz.superName()), methods, seen, visited);
        }
        for (DotName implemented : clazz.interfaceNames()) {
            collectResourceMethods(index.getClassByName(implemented), methods, seen, visited);
        }
    }

    boolean isResourceMethod(MethodInfo method) {
        for (DotName httpMethod : httpMethods) {
            if (method.hasDeclaredAnnotation(httpMethod)) {
                return true;
            }
        }
        return false;
    }
}
