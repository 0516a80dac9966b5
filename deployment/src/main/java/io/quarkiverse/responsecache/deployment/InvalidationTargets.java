package io.quarkiverse.responsecache.deployment;

import static io.quarkiverse.responsecache.deployment.ResponseCacheDotNames.RESPONSE_CACHE;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.AnnotationTarget;
import org.jboss.jandex.IndexView;
import org.jboss.jandex.MethodInfo;

import io.quarkiverse.responsecache.deployment.ResponseCacheDefinitionException.InvalidateNothingException;
import io.quarkiverse.responsecache.deployment.ResponseCacheDefinitionException.UnproducibleNamespaceException;
import io.quarkiverse.responsecache.deployment.ResponseCacheDefinitionException.UnproducibleTagException;
import io.quarkiverse.responsecache.runtime.orm.EntityTags;

/**
 * What the application's cached endpoints can be evicted by (the tags and namespaces of every {@code @ResponseCache}),
 * and the check that each {@code @ResponseCacheInvalidate} names something among them: an eviction that can never
 * meet an entry leaves stale responses without a word.
 */
final class InvalidationTargets {

    /** How many of the produced tags or namespaces a message proposes. */
    private static final int CANDIDATES = 5;

    private final Set<String> tags;
    private final Set<String> namespaces;
    private final boolean entityTagsProduced;

    InvalidationTargets(Collection<String> tags, Collection<String> namespaces, boolean entityTagsProduced) {
        this.tags = new LinkedHashSet<>(tags);
        this.namespaces = new LinkedHashSet<>(namespaces);
        this.entityTagsProduced = entityTagsProduced;
    }

    /**
     * Reads every {@code @ResponseCache} of the index, misused ones included, so that one misuse of a cached
     * endpoint is not reported a second time as an eviction of nothing.
     *
     * @param entityTagsProduced whether the application has Hibernate ORM, whose entity tracking tags entries
     */
    static InvalidationTargets of(IndexView index, boolean entityTagsProduced) {
        Set<String> tags = new LinkedHashSet<>();
        Set<String> namespaces = new LinkedHashSet<>();
        for (AnnotationInstance cache : index.getAnnotations(RESPONSE_CACHE)) {
            AnnotationTarget.Kind kind = cache.target().kind();
            if (kind == AnnotationTarget.Kind.METHOD || kind == AnnotationTarget.Kind.CLASS) {
                tags.addAll(EndpointAnnotations.strings(cache, "tags"));
                namespaces.add(EndpointAnnotations.namespace(cache));
            }
        }
        return new InvalidationTargets(tags, namespaces, entityTagsProduced);
    }

    /** Adds to {@code misuses} what is wrong with the {@code @ResponseCacheInvalidate} of this method. */
    void check(MethodInfo method, AnnotationInstance invalidate, List<Throwable> misuses) {
        List<String> evictedTags = EndpointAnnotations.strings(invalidate, "tags");
        List<String> evictedNamespaces = EndpointAnnotations.strings(invalidate, "namespaces");
        if (evictedTags.isEmpty() && evictedNamespaces.isEmpty()
                && !EndpointAnnotations.booleanValue(invalidate, "all")) {
            misuses.add(new InvalidateNothingException(method));
            return;
        }
        for (String tag : evictedTags) {
            // a tag whose parameters the path lacks is reported as such, once
            if (TagParameters.validTags(method, method.declaringClass(), "@ResponseCacheInvalidate", List.of(tag),
                    misuses) && !producible(tag)) {
                misuses.add(new UnproducibleTagException(method, tag, TagPatterns.closest(tag, tags, CANDIDATES),
                        tag.startsWith(EntityTags.PREFIX)
                                ? " (tags starting with '" + EntityTags.PREFIX + "' come from the Hibernate ORM entity"
                                        + " tracking, and the application has no Hibernate ORM)"
                                : ""));
            }
        }
        for (String namespace : evictedNamespaces) {
            if (!namespaces.contains(namespace)) {
                misuses.add(new UnproducibleNamespaceException(method, namespace,
                        TagPatterns.closest(namespace, namespaces, CANDIDATES)));
            }
        }
    }

    /** @return whether some entry can ever carry a tag that this template renders */
    boolean producible(String tag) {
        if (entityTagsProduced && tag.startsWith(EntityTags.PREFIX)) {
            return true;
        }
        return TagPatterns.overlapsAny(tag, tags);
    }
}
