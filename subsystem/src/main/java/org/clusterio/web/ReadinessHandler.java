package org.clusterio.web;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.Methods;
import io.undertow.util.StatusCodes;

/**
 * Answers {@value #PATH} of a web deployment before the application, for the health probe of an HTTP cache or load
 * balancer in front (the shipped VCL probes it once a second): 200 {@code ready} while the server takes requests, 503
 * with Retry-After while it starts, is suspended or stops, so that the balancer drains it before it goes. Never
 * cached. Any other request goes on to the application.
 */
public final class ReadinessHandler implements HttpHandler {

    /** The path inside the application. */
    public static final String PATH = "/.cluster-io/ready";

    private final HttpHandler next;
    private final ServerReadiness readiness;

    public ReadinessHandler(HttpHandler next, ServerReadiness readiness) {
        this.next = next;
        this.readiness = readiness;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        if (!StorageRequestHandler.pathInApplication(exchange).equals(PATH)) {
            next.handleRequest(exchange);
            return;
        }
        exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
        boolean head = exchange.getRequestMethod().equals(Methods.HEAD);
        if (!head && !exchange.getRequestMethod().equals(Methods.GET)) {
            exchange.getResponseHeaders().put(Headers.ALLOW, "GET, HEAD");
            exchange.setStatusCode(StatusCodes.METHOD_NOT_ALLOWED).endExchange();
            return;
        }
        String notReady = readiness.notReadyBecause();
        String body = notReady == null ? "ready\n" : "not ready: " + notReady + "\n";
        if (notReady != null) {
            exchange.setStatusCode(StatusCodes.SERVICE_UNAVAILABLE);
            exchange.getResponseHeaders().put(Headers.RETRY_AFTER, StorageRequestHandler.RETRY_AFTER_SECONDS);
        }
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain; charset=utf-8");
        exchange.setResponseContentLength(body.length());
        if (head) {
            exchange.endExchange();
        } else {
            exchange.getResponseSender().send(body);
        }
    }
}
