package org.clusterio.httpcache;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A cluster node as Varnish sees it, on a free loopback port: answers {@code /.cluster-io/ready} with 200 while
 * {@link #ready} (503 otherwise), serves the {@link Origin}'s resources with 304 for a matching If-None-Match, names
 * itself in {@code X-Node} and records every request it gets in the origin.
 */
final class Node implements AutoCloseable {

    static final String READY_PATH = "/.cluster-io/ready";

    private final String name;
    private final Origin origin;
    private volatile boolean ready = true;
    private volatile HttpServer server;
    private int port;

    private Node(String name, Origin origin) {
        this.name = name;
        this.origin = origin;
    }

    static Node start(String name, Origin origin) throws IOException {
        Node node = new Node(name, origin);
        node.listen(0);
        return node;
    }

    int port() {
        return port;
    }

    String name() {
        return name;
    }

    void ready(boolean value) {
        ready = value;
    }

    /** Stops listening, as a node that dies does: connections are refused. */
    void kill() {
        server.stop(0);
    }

    /** Listens again on the same port. */
    void revive() throws IOException {
        listen(port);
    }

    /** How many requests for this path reached this node. */
    long count(String path) {
        return origin.seen(path).stream().filter(request -> request.node().equals(name)).count();
    }

    private void listen(int requested) throws IOException {
        HttpServer listening = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), requested), 50);
        listening.createContext("/", this::handle);
        listening.start();
        port = listening.getAddress().getPort();
        server = listening;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            exchange.getResponseHeaders().set("X-Node", name);
            if (path.equals(READY_PATH)) {
                exchange.sendResponseHeaders(ready ? 200 : 503, -1);
                return;
            }
            String ifNoneMatch = exchange.getRequestHeaders().getFirst("If-None-Match");
            origin.record(new Origin.Seen(name, path, ifNoneMatch, exchange.getRequestHeaders().getFirst("Cookie")));
            Origin.Resource resource = origin.get(path);
            if (resource == null) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            if (resource.cacheControl() != null) {
                exchange.getResponseHeaders().set("Cache-Control", resource.cacheControl());
            }
            if (resource.tags() != null) {
                exchange.getResponseHeaders().set("xkey", resource.tags());
            }
            if (resource.setCookie() != null) {
                exchange.getResponseHeaders().set("Set-Cookie", resource.setCookie());
            }
            exchange.getResponseHeaders().set("ETag", resource.etag());
            if (resource.etag().equals(ifNoneMatch)) {
                exchange.sendResponseHeaders(304, -1);
                return;
            }
            boolean head = exchange.getRequestMethod().equals("HEAD");
            exchange.sendResponseHeaders(200, head ? -1 : resource.body().length);
            if (!head) {
                try (OutputStream body = exchange.getResponseBody()) {
                    body.write(resource.body());
                }
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
