package org.clusterio.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import io.undertow.io.IoCallback;
import io.undertow.io.Sender;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;
import io.undertow.util.StatusCodes;

import org.clusterio.api.BinaryFile;
import org.clusterio.api.BinaryFileNotFoundException;
import org.clusterio.api.IOBackendException;
import org.clusterio.api.InvalidBinaryFileIdException;
import org.clusterio.api.ServingPolicy;
import org.clusterio.io.MimeTypes;
import org.clusterio.io.SiteDirectory;
import org.clusterio.io.SiteIOService;

/**
 * Serves storage URIs of a deployment from the cluster storage, in front of every servlet and filter of the
 * deployment (the seed's rewrite rule, inside WildFly). A request whose path matches the filter's pattern and
 * starts with a site's url-prefix is answered here; any other request goes on to the application.
 *
 * <p>The path is taken percent-encoded as the client sent it, decoded once, and validated like any id, so that
 * encoded dots, slashes, backslashes, NUL or overlong UTF-8 are refused (400) and nothing outside the storage is
 * ever read. Path parameters ({@code ;jsessionid=...}) are taken off every segment first, as the servlet container
 * does. Every response the filter produces carries the filter's {@link ServingPolicy} headers (nosniff, the
 * Content-Security-Policy), and one with content is an attachment unless its type is inline. HTTP follows RFC 9110:
 * GET and HEAD, strong validators, 304, single ranges, 416, 405; a storage that cannot be reached is 503 with
 * Retry-After.</p>
 */
public final class StorageRequestHandler implements HttpHandler {

    static final String RETRY_AFTER_SECONDS = "5";
    private static final HttpString IF_RANGE = new HttpString("If-Range");
    private static final Set<HttpString> POLICY_HEADERS = Set.of(new HttpString(ServingPolicy.X_CONTENT_TYPE_OPTIONS),
            new HttpString(ServingPolicy.CONTENT_SECURITY_POLICY));

    private final HttpHandler next;
    private final StorageFilterConfig config;
    private final SiteDirectory sites;

    public StorageRequestHandler(HttpHandler next, StorageFilterConfig config, SiteDirectory sites) {
        this.next = next;
        this.config = config;
        this.sites = sites;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        String path = pathInApplication(exchange);
        if (!config.enabled() || !config.pattern().matcher(path).matches()) {
            next.handleRequest(exchange);
            return;
        }
        Optional<Map.Entry<SiteIOService, String>> target;
        try {
            target = sites.byUri(path);
        } catch (InvalidBinaryFileIdException e) {
            putPolicyHeaders(exchange, config.serving());
            exchange.setStatusCode(StatusCodes.BAD_REQUEST).endExchange();
            return;
        }
        if (target.isEmpty() || !config.serves(target.get().getKey().siteName())) {
            next.handleRequest(exchange); // not a URI of a site this filter serves: the application decides
            return;
        }
        putPolicyHeaders(exchange, config.serving());
        if (exchange.isInIoThread()) {
            exchange.dispatch(this); // lookups and file reads block
            return;
        }
        serve(exchange, target.get().getKey(), target.get().getValue(), path);
    }

    private void serve(HttpServerExchange exchange, SiteIOService site, String id, String path) throws IOException {
        boolean head = exchange.getRequestMethod().equals(Methods.HEAD);
        if (!head && !exchange.getRequestMethod().equals(Methods.GET)) {
            exchange.getResponseHeaders().put(Headers.ALLOW, "GET, HEAD");
            exchange.setStatusCode(StatusCodes.METHOD_NOT_ALLOWED).endExchange();
            return;
        }
        BinaryFile file;
        try {
            file = site.load(id);
        } catch (InvalidBinaryFileIdException e) {
            exchange.setStatusCode(StatusCodes.BAD_REQUEST).endExchange();
            return;
        } catch (BinaryFileNotFoundException e) {
            exchange.setStatusCode(StatusCodes.NOT_FOUND).endExchange();
            return;
        } catch (IOBackendException e) {
            unavailable(exchange);
            return;
        }
        String etag = EntityTags.of(file);
        Instant lastModified = Instant.ofEpochSecond(file.mtime().getEpochSecond());
        exchange.getResponseHeaders().put(Headers.ETAG, etag);
        exchange.getResponseHeaders().put(Headers.LAST_MODIFIED, HttpDates.format(lastModified));
        exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, config.cacheControl(path));
        exchange.getResponseHeaders().put(Headers.ACCEPT_RANGES, "bytes");
        if (notModified(exchange, etag, lastModified)) {
            exchange.setStatusCode(StatusCodes.NOT_MODIFIED).endExchange();
            return;
        }
        // The IO service hands out normalised types only; sending nothing else keeps a header value with a comma or a
        // line break out of the response even if some other source of BinaryFiles does not.
        String mimeType = Objects.requireNonNullElse(ServingPolicy.normalised(file.mimeType()), MimeTypes.UNKNOWN);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, mimeType);
        if (!config.serving().inline(mimeType)) {
            exchange.getResponseHeaders().put(Headers.CONTENT_DISPOSITION, "attachment");
        }
        ByteRange range = rangeRequested(exchange, etag, lastModified) ? ByteRange.of(exchange.getRequestHeaders().getFirst(Headers.RANGE), file.size()) : ByteRange.WHOLE;
        switch (range.kind()) {
            case UNSATISFIABLE -> {
                exchange.getResponseHeaders().put(Headers.CONTENT_RANGE, "bytes */" + file.size());
                exchange.setStatusCode(StatusCodes.REQUEST_RANGE_NOT_SATISFIABLE).endExchange();
            }
            case PART -> {
                exchange.setStatusCode(StatusCodes.PARTIAL_CONTENT);
                exchange.getResponseHeaders().put(Headers.CONTENT_RANGE, "bytes " + range.first() + "-" + range.last() + "/" + file.size());
                exchange.setResponseContentLength(range.length());
                if (!head) {
                    send(exchange, site, file, range.first(), range.length());
                }
            }
            case WHOLE -> {
                exchange.setResponseContentLength(file.size());
                if (!head) {
                    sendWhole(exchange, site, file);
                }
            }
        }
        if (head) {
            exchange.endExchange();
        }
    }

    /** RFC 9110 13.2.2: If-None-Match decides when present; If-Modified-Since only without it. */
    private static boolean notModified(HttpServerExchange exchange, String etag, Instant lastModified) {
        String ifNoneMatch = exchange.getRequestHeaders().getFirst(Headers.IF_NONE_MATCH);
        if (ifNoneMatch != null) {
            return EntityTags.noneMatchHits(ifNoneMatch, etag);
        }
        String ifModifiedSince = exchange.getRequestHeaders().getFirst(Headers.IF_MODIFIED_SINCE);
        return ifModifiedSince != null && HttpDates.parse(ifModifiedSince).map(since -> !lastModified.isAfter(since)).orElse(false);
    }

    /** A Range is honoured unless an If-Range names another version (a strong tag, or exactly the Last-Modified date). */
    private static boolean rangeRequested(HttpServerExchange exchange, String etag, Instant lastModified) {
        if (exchange.getRequestHeaders().getFirst(Headers.RANGE) == null) {
            return false;
        }
        String ifRange = exchange.getRequestHeaders().getFirst(IF_RANGE);
        if (ifRange == null) {
            return true;
        }
        String value = ifRange.strip();
        return value.startsWith("\"") || value.startsWith("W/") ? EntityTags.strongMatch(value, etag)
                : HttpDates.parse(value).map(lastModified::equals).orElse(false);
    }

    /** A local file goes to the kernel (sendfile); anything else is streamed. */
    private static void sendWhole(HttpServerExchange exchange, SiteIOService site, BinaryFile file) throws IOException {
        Optional<FileChannel> channel;
        try {
            channel = site.openChannel(file);
        } catch (BinaryFileNotFoundException e) {
            notFoundAfterAll(exchange);
            return;
        } catch (IOBackendException e) {
            unavailable(exchange);
            return;
        }
        if (channel.isPresent()) {
            exchange.getResponseSender().transferFrom(channel.get(), new ClosingCallback(channel.get()));
        } else {
            send(exchange, site, file, 0, file.size());
        }
    }

    private static void send(HttpServerExchange exchange, SiteIOService site, BinaryFile file, long offset, long length) throws IOException {
        InputStream in;
        try {
            in = offset == 0 && length == file.size() ? site.open(file) : site.open(file, offset, length);
        } catch (BinaryFileNotFoundException e) {
            notFoundAfterAll(exchange);
            return;
        } catch (IOBackendException e) {
            unavailable(exchange);
            return;
        }
        exchange.startBlocking();
        try (in; OutputStream out = exchange.getOutputStream()) {
            in.transferTo(out);
        }
    }

    /** The file went away between the lookup and the read: nothing was sent yet, so it is a plain 404. */
    private static void notFoundAfterAll(HttpServerExchange exchange) {
        clearAllButPolicyHeaders(exchange);
        exchange.setStatusCode(StatusCodes.NOT_FOUND).endExchange();
    }

    private static void unavailable(HttpServerExchange exchange) {
        clearAllButPolicyHeaders(exchange);
        exchange.getResponseHeaders().put(Headers.RETRY_AFTER, RETRY_AFTER_SECONDS);
        exchange.setStatusCode(StatusCodes.SERVICE_UNAVAILABLE).endExchange();
    }

    /** The headers every response of the filter carries, whatever its status. */
    private static void putPolicyHeaders(HttpServerExchange exchange, ServingPolicy policy) {
        policy.headers().forEach((name, value) -> exchange.getResponseHeaders().put(new HttpString(name), value));
    }

    private static void clearAllButPolicyHeaders(HttpServerExchange exchange) {
        for (HttpString name : new ArrayList<>(exchange.getResponseHeaders().getHeaderNames())) {
            if (!POLICY_HEADERS.contains(name)) {
                exchange.getResponseHeaders().remove(name);
            }
        }
    }

    /**
     * The path inside the application, percent-encoded as received (decoding happens once, when it becomes an id),
     * without path parameters.
     */
    private static String pathInApplication(HttpServerExchange exchange) {
        String uri = exchange.getRequestURI();
        if (!uri.startsWith("/")) {
            // absolute-form request target (http://host/path): keep the path only
            int scheme = uri.indexOf("://");
            int slash = scheme < 0 ? -1 : uri.indexOf('/', scheme + 3);
            uri = slash < 0 ? "/" : uri.substring(slash);
        }
        uri = RequestPaths.withoutPathParameters(uri);
        String context = exchange.getResolvedPath();
        return context != null && !context.isEmpty() && !context.equals("/") && uri.startsWith(context) ? uri.substring(context.length()) : uri;
    }

    /** Closes the file once Undertow has sent it, or failed to. */
    private record ClosingCallback(FileChannel channel) implements IoCallback {

        @Override
        public void onComplete(HttpServerExchange exchange, Sender sender) {
            close();
            IoCallback.END_EXCHANGE.onComplete(exchange, sender);
        }

        @Override
        public void onException(HttpServerExchange exchange, Sender sender, IOException exception) {
            close();
            IoCallback.END_EXCHANGE.onException(exchange, sender, exception);
        }

        private void close() {
            try {
                channel.close();
            } catch (IOException e) {
                // nothing left to do with it
            }
        }
    }
}
