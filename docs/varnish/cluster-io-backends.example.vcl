#
# cluster-io-backends.vcl: the part of the Varnish configuration that names this cluster. Copy this file to
# cluster-io-backends.vcl beside cluster-io.vcl and edit it: one backend per node, every one of them added to the
# director, the nodes (and any host that purges) in acl purgers, and the purge secret if there is one.
#

backend node1 {
    .host = "127.0.0.1";
    .port = "8080";
    .probe = cluster_io_ready;
    .connect_timeout = 1s;
    # Uncomment when the web deployments answer on a virtual host that the address above does not reach:
    # .host_header = "www.example.com";
}

backend node2 {
    .host = "127.0.0.1";
    .port = "8180";
    .probe = cluster_io_ready;
    .connect_timeout = 1s;
}

sub vcl_init {
    new cluster_io_nodes = directors.round_robin();
    cluster_io_nodes.add_backend(node1);
    cluster_io_nodes.add_backend(node2);
}

# Who may send PURGE: the cluster's nodes (their purger), and whatever else the operator trusts. Never the Internet.
acl purgers {
    "127.0.0.1";
    "::1";
}

# The shared secret a PURGE must carry in X-Cluster-IO-Purge-Secret, besides coming from the ACL; "" for none.
sub cluster_io_purge_secret {
    set req.http.cluster-io-expected-secret = "";
}
