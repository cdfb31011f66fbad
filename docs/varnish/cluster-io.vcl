#
# wildfly-cluster-io: Varnish in front of the cluster's nodes (Varnish 7, VCL 4.1).
#
# Balances the nodes (round robin, each node probed on the subsystem's readiness URL), caches what the storage filter
# and the applications mark cacheable, passes what carries a session, and takes purges by xkey tag (hard or soft) or
# by URL from the purgers ACL only. The nodes, the ACL and the purge secret live in cluster-io-backends.vcl, beside
# this file, which the operator writes (see cluster-io-backends.example.vcl). README.md in this directory gives the
# purge protocol and how to run it.
#
vcl 4.1;

import std;
import directors;
import xkey;
import purge;

# A node is in the director while /.cluster-io/ready answers 200 (its sites are ready). With a probe a second and
# two good answers needed out of the last three, a dead or unready node leaves within about 2 s and comes back as
# quickly; requests sent to it in between are retried on another node (vcl_backend_error).
probe cluster_io_ready {
    .url = "/.cluster-io/ready";
    .expected_response = 200;
    .timeout = 800ms;
    .interval = 1s;
    .window = 3;
    .threshold = 2;
}

# Defines the backends (with .probe = cluster_io_ready), "new cluster_io_nodes = directors.round_robin()" in
# vcl_init, acl purgers and sub cluster_io_purge_secret.
include "./cluster-io-backends.vcl";

sub vcl_recv {
    unset req.http.cluster-io-purged;
    unset req.http.cluster-io-expected-secret;
    if (req.method == "PURGE") {
        call cluster_io_purge;
    }
    set req.backend_hint = cluster_io_nodes.backend();

    # A stale copy is served for a short while only when a node can refresh it; with every node down, for the
    # object's whole grace (vcl_backend_response).
    if (std.healthy(req.backend_hint)) {
        set req.grace = 10s;
    }

    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    if (req.url ~ "^/var/([^/]+/)?storage/images(-versioned)?/") {
        # Stored files are public: no cookie changes them, and the storage filter says how long they keep.
        unset req.http.Cookie;
        if (req.http.Authorization) {
            return (pass);
        }
        return (hash);
    }
    if (req.http.Authorization || req.http.Cookie ~ "(^|;)\s*JSESSIONID=") {
        return (pass);
    }
    # Everything else: Varnish's built-in rules (a request with any other cookie is passed too).
}

sub cluster_io_purge {
    if (client.ip !~ purgers) {
        return (synth(403, "Forbidden"));
    }
    call cluster_io_purge_secret;
    if (req.http.cluster-io-expected-secret != ""
            && req.http.X-Cluster-IO-Purge-Secret != req.http.cluster-io-expected-secret) {
        return (synth(403, "Forbidden"));
    }
    unset req.http.cluster-io-expected-secret;
    if (req.http.xkey-purge && req.http.xkey-softpurge) {
        set req.http.cluster-io-purged = xkey.purge(req.http.xkey-purge) + xkey.softpurge(req.http.xkey-softpurge);
    } elsif (req.http.xkey-purge) {
        set req.http.cluster-io-purged = xkey.purge(req.http.xkey-purge);
    } elsif (req.http.xkey-softpurge) {
        set req.http.cluster-io-purged = xkey.softpurge(req.http.xkey-softpurge);
    } else {
        # The URL itself (with the request's Host), every variant of it: vcl_hit or vcl_miss purges.
        return (hash);
    }
    return (synth(200, "Purged"));
}

sub vcl_hit {
    if (req.method == "PURGE") {
        set req.http.cluster-io-purged = purge.hard();
        return (synth(200, "Purged"));
    }
}

sub vcl_miss {
    if (req.method == "PURGE") {
        set req.http.cluster-io-purged = purge.hard();
        return (synth(200, "Purged"));
    }
}

sub vcl_backend_response {
    # A node that is not ready answers 503: another node may be. Only GET and HEAD are retried: a request body is not
    # kept for a second try.
    if (beresp.status == 503 && bereq.retries < 2 && (bereq.method == "GET" || bereq.method == "HEAD")) {
        return (retry);
    }
    # A failed refresh keeps the stale copy rather than replacing it with an error.
    if (beresp.status >= 500 && bereq.is_bgfetch) {
        return (abandon);
    }
    if (beresp.http.Set-Cookie) {
        # Never cached; the hit-for-miss object lets the next cacheable answer be cached again.
        set beresp.uncacheable = true;
        set beresp.ttl = 120s;
        return (deliver);
    }
    if (!beresp.http.Expires && beresp.http.Cache-Control !~ "(?i)(^|[\s,])(s-maxage|max-age)\s*=") {
        # Cached only what the backend marks cacheable, never on Varnish's default TTL.
        set beresp.uncacheable = true;
        set beresp.ttl = 120s;
        return (deliver);
    }
    # Kept stale for an hour: served while a node refreshes it, or while no node answers.
    set beresp.grace = 1h;
}

sub vcl_backend_error {
    # Connection refused or timed out (a node died before its probe said so): the director picks another node.
    if (bereq.retries < 2 && (bereq.method == "GET" || bereq.method == "HEAD")) {
        return (retry);
    }
}

sub vcl_deliver {
    if (obj.uncacheable) {
        set resp.http.X-Cache = "PASS";
    } elsif (obj.hits == 0) {
        set resp.http.X-Cache = "MISS";
    } elsif (obj.ttl <= 0s) {
        set resp.http.X-Cache = "HIT-STALE";
    } else {
        set resp.http.X-Cache = "HIT";
    }
    set resp.http.X-Cache-Hits = obj.hits;
    # Tags are for the purgers' eyes only.
    if (!(req.http.X-Cluster-IO-Debug && client.ip ~ purgers)) {
        unset resp.http.xkey;
    }
}

sub vcl_synth {
    if (req.method == "PURGE") {
        set resp.http.Content-Type = "text/plain; charset=utf-8";
        if (resp.status == 200) {
            set resp.http.X-Purged = req.http.cluster-io-purged;
            set resp.body = "Purged " + req.http.cluster-io-purged + {"
"};
        } else {
            set resp.body = resp.reason + {"
"};
        }
        return (deliver);
    }
}
