vcl 4.1;

# Varnish in front of a Quarkus application whose response cache tags responses with
# quarkus.response-cache.edge.tag-header=xkey and purges through
# quarkus.response-cache.edge.purge-urls=http://<this varnish>/ (Debian packages varnish and varnish-modules).

import std;
import xkey;

backend application {
    .host = "127.0.0.1";
    .port = "8080";
}

# who may purge: the application's instances
acl purgers {
    "127.0.0.1";
}

sub vcl_recv {
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(403, "Forbidden"));
        }
        if (req.http.xkey-purge) {
            set req.http.n-gone = xkey.purge(req.http.xkey-purge);
            return (synth(200, "Purged " + req.http.n-gone));
        }
        if (req.http.xkey-softpurge) {
            set req.http.n-gone = xkey.softpurge(req.http.xkey-softpurge);
            return (synth(200, "Soft-purged " + req.http.n-gone));
        }
        return (synth(400, "Name the keys in xkey-purge or xkey-softpurge"));
    }
}

sub vcl_backend_response {
    # Only responses the application tagged are kept: nothing could ever purge the others.
    if (!beresp.http.xkey) {
        set beresp.uncacheable = true;
        return (deliver);
    }
    # With quarkus.response-cache.edge.max-age, keep the response that long rather than its browser max-age.
    if (beresp.http.CDN-Cache-Control ~ "max-age=[0-9]+") {
        set beresp.ttl = std.duration(regsub(beresp.http.CDN-Cache-Control, "^.*max-age=([0-9]+).*$", "\1s"), 0s);
    }
    # A soft-purged response is served once more, in its grace, while the new one is fetched.
    set beresp.grace = 1m;
}

sub vcl_deliver {
    # The keys are for this cache only.
    unset resp.http.xkey;
    unset resp.http.CDN-Cache-Control;
    if (obj.hits > 0) {
        set resp.http.X-Edge-Cache = "HIT";
    } else {
        set resp.http.X-Edge-Cache = "MISS";
    }
}
