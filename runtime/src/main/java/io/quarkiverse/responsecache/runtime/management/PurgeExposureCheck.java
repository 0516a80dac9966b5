package io.quarkiverse.responsecache.runtime.management;

import java.util.Optional;
import java.util.regex.Pattern;

import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

/**
 * Warns at startup when the purge and explain endpoints share the application's port with no HTTP permission over
 * them. Only configured permissions are seen, not those set up in code.
 */
public final class PurgeExposureCheck {

    private static final Logger LOG = Logger.getLogger(PurgeExposureCheck.class);
    private static final Pattern PATHS = Pattern.compile("quarkus\\.http\\.auth\\.permission\\.(.+)\\.paths");

    private PurgeExposureCheck() {
    }

    public static void warnIfUnprotected(Config config, String evictPath, String explainPath) {
        if (!isProtected(config, evictPath) || !isProtected(config, explainPath)) {
            LOG.warnf("Response cache: the purge and explain endpoints are served on the application's HTTP port (%s,"
                    + " %s) and no HTTP permission covers them: anyone who reaches the application can empty the"
                    + " cache and read its keys. Enable the management interface (quarkus.management.enabled=true) or"
                    + " add a permission for those paths (quarkus.http.auth.permission.<name>.paths with a policy"
                    + " other than permit)", evictPath, explainPath);
        }
    }

    /** @return whether a configured permission with a policy other than {@code permit} covers {@code path} */
    static boolean isProtected(Config config, String path) {
        for (String name : config.getPropertyNames()) {
            var matcher = PATHS.matcher(name);
            if (!matcher.matches()) {
                continue;
            }
            String permission = "quarkus.http.auth.permission." + matcher.group(1);
            Optional<Boolean> enabled = config.getOptionalValue(permission + ".enabled", Boolean.class);
            String policy = config.getOptionalValue(permission + ".policy", String.class).orElse("");
            if (enabled.orElse(true) && !"permit".equals(policy.trim())
                    && covers(config.getOptionalValue(name, String.class).orElse(""), path)) {
                return true;
            }
        }
        return false;
    }

    /** @param patterns a comma-separated list of paths, each exact or with {@code *} wildcards */
    static boolean covers(String patterns, String path) {
        for (String pattern : patterns.split(",")) {
            String trimmed = pattern.trim();
            if (!trimmed.isEmpty() && path.matches(Pattern.quote(trimmed).replace("*", "\\E.*\\Q"))) {
                return true;
            }
        }
        return false;
    }
}
