package io.quarkiverse.responsecache.runtime.management;

import java.util.regex.Pattern;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.quarkiverse.responsecache.ResponseCacheKeyBuilder;
import io.quarkiverse.responsecache.runtime.config.ResponseCacheConfig;
import io.quarkiverse.responsecache.runtime.key.DefaultResponseCacheKeyBuilder;
import io.quarkus.arc.InjectableInstance;

/**
 * Decides whether an operator's purge names something this cache owns. The purge writes tombstones over what it finds,
 * so a key outside the cache's prefix (the application's own data in a shared Redis) must never reach the store, and
 * an empty tag or namespace must not silently mean "the default one".
 */
@Singleton
public class PurgeTargetCheck {

    /** Longest tag, namespace or URL path accepted: far beyond any real one, short enough to log. */
    static final int MAX_LENGTH = 2048;
    /** The hash the default key builder ends every key with: 22 characters of URL-safe base64. */
    private static final Pattern DEFAULT_HASH = Pattern.compile("[A-Za-z0-9_-]{22}");

    private final String keyPrefix;
    /** Whether keys have the default builder's layout, {@code <prefix>:<namespace>:<hash>}. */
    private final boolean defaultLayout;

    @Inject
    public PurgeTargetCheck(ResponseCacheConfig config, InjectableInstance<ResponseCacheKeyBuilder> keyBuilder) {
        this(config.prefix(), !keyBuilder.isResolvable()
                || keyBuilder.getHandle().getBean().getBeanClass() == DefaultResponseCacheKeyBuilder.class);
    }

    public PurgeTargetCheck(String prefix, boolean defaultLayout) {
        this.keyPrefix = prefix + ":";
        this.defaultLayout = defaultLayout;
    }

    /** @return why {@code value} cannot be purged as {@code target}, or null when it can */
    public String refusal(PurgeTarget target, String value) {
        if (value == null || value.isEmpty()) {
            return target.parameter() + " must not be empty";
        }
        if (value.length() > MAX_LENGTH) {
            return target.parameter() + " is longer than " + MAX_LENGTH + " characters";
        }
        if (hasControlCharacter(value)) {
            return target.parameter() + " holds a control character";
        }
        return switch (target) {
            case KEY -> keyRefusal(value);
            case TAG, NAMESPACE -> value.isBlank() ? target.parameter() + " must not be blank" : null;
            case URL -> !value.startsWith("/") ? "url is a path, starting with /"
                    : value.indexOf('?') >= 0 || value.indexOf('#') >= 0
                            ? "url is a path without a query or fragment: every query of the path goes"
                            : null;
            case ALL -> "true".equals(value) ? null : "all=true purges everything; nothing else is accepted";
        };
    }

    private String keyRefusal(String key) {
        if (!key.startsWith(keyPrefix)) {
            return "key is not a key of this cache: it must start with " + keyPrefix;
        }
        String rest = key.substring(keyPrefix.length());
        int lastColon = rest.lastIndexOf(':');
        if (key.endsWith(":lock")) {
            return "key names a lock, not an entry";
        }
        if (defaultLayout && (lastColon < 0 || !DEFAULT_HASH.matcher(rest.substring(lastColon + 1)).matches())) {
            return "key is not a key of this cache: entry keys read " + keyPrefix + "<namespace>:<22-character hash>";
        }
        return null;
    }

    private static boolean hasControlCharacter(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == 0x7F) {
                return true;
            }
        }
        return false;
    }
}
