package org.clusterio.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.time.Instant;
import java.util.ArrayList;
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
import org.clusterio.api.HttpCache;
import org.clusterio.api.IOBackendException;
import org.clusterio.api.InvalidBinaryFileIdException;
import org.clusterio.api.ServingPolicy;
import org.clusterio.httpcache.CacheTags;
import org.clusterio.io.MimeTypes;
import org.clusterio.io.OpenedBinary;
import org.clusterio.io.SiteDirectory;
import org.clusterio.io.SiteIOService;
import org.clusterio.logging.ClusterIOLogger;
import org.clusterio.io.SiteUri;

/**
 * Serves storage URIs of a deployment from the cluster storage, in front of every servlet and filter of the
 * deployment (Ibexa DXP's rewrite rule, inside WildFly). A request whose path matches the filter's pattern and
 * starts with a site's url-prefix is answered here; any other request goes on to the application.
 *
 * <p>The path is taken percent-encoded as the client sent it, decoded once, and validated like any id, so that
 * encoded dots, slashes, backslashes, NUL or overlong UTF-8 are refused (400) and nothing outside the storage is
 * ever read. Path parameters ({@code ;jsessionid=...}) are taken off every segment first, as the servlet container
 * does. Every response the filter produces carries the filter's {@link ServingPolicy} headers (nosniff, the
 * Content-Security-Policy), and one with content is an attachment unless its type is inline. HTTP follows RFC 9110:
 * GET and HEAD, strong validators, 412 and 304 (in the order of 13.2.2), single ranges, 416, 405; a storage that
 * cannot be reached is 503 with Retry-After. An answer about a file carries its {@code xkey} tags (see
 * {@link CacheTags}), by which an HTTP cache in front drops its copies when the file changes.</p>
 *
 * <p>An answer describes the bytes it sends. The record is looked up, then the bytes are opened (for HEAD too, so a
 * record without its file is 404 for both), and Content-Length, ETag, Last-Modified and ranges come from the opened
 * bytes ({@link OpenedBinary}), never from the record: a file replaced between the lookup and the send goes out
 * whole under its own length and tag. A record of another size than the opened bytes is read once more, which tells
 * a file deleted meanwhile (404) from a replaced one.</p>
 *
 * <p>Longer than 250 lines because the order of its checks is RFC 9110's (13.2.2) and one request's flow reads top
 * to bottom here; what stands alone is beside it ({@link RequestPaths}, {@link Preconditions}, {@link ByteRange},
 * {@link EntityTags}, {@link HttpDates}).</p>
 */
public final class StorageRequestHandler implements HttpHandler {

    static final String RETRY_AFTER_SECONDS = "5";
    private static final HttpString IF_RANGE = new HttpString("If-Range");
    private static final HttpString CACHE_TAGS = new HttpString(HttpCache.TAG_HEADER);
    private static final Set<HttpString> POLICY_HEADERS = Set.of(new HttpString(ServingPolicy.X_CONTENT_TYPE_OPTIONS),
            new HttpString(ServingPolicy.CONTENT_SECURITY_POLICY));

    private final HttpHandler next;
    private final StorageFilter config;
    private final SiteDirectory sites;

    public StorageRequestHandler(HttpHandler next, StorageFilter config, SiteDirectory sites) {
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
        Optional<SiteUri> target;
        try {
            target = sites.byUri(path);
        } catch (InvalidBinaryFileIdException e) {
            ClusterIOLogger.WEB_LOGGER.requestRefused(path, printable(e.getMessage()));
            countWhenComplete(exchange);
            putPolicyHeaders(exchange, config.serving());
            exchange.setStatusCode(StatusCodes.BAD_REQUEST).endExchange();
            return;
        }
        if (target.isEmpty() || !config.serves(target.get().site().siteName())) {
            next.handleRequest(exchange); // not a URI of a site this filter serves: the application decides
            return;
        }
        putPolicyHeaders(exchange, config.serving());
        if (exchange.isInIoThread()) {
            exchange.dispatch(this); // lookups and file reads block
            return;
        }
        serve(exchange, target.get().site(), target.get().id(), path);
    }

    private void serve(HttpServerExchange exchange, SiteIOService site, String id, String path) throws IOException {
        countWhenComplete(exchange);
        boolean head = exchange.getRequestMethod().equals(Methods.HEAD);
        if (!head && !exchange.getRequestMethod().equals(Methods.GET)) {
            exchange.getResponseHeaders().put(Headers.ALLOW, "GET, HEAD");
            exchange.setStatusCode(StatusCodes.METHOD_NOT_ALLOWED).endExchange();
            return;
        }
        BinaryFile file;
        OpenedBinary opened;
        try {
            file = site.load(id);
            // HEAD opens the bytes too: it answers what GET would, so a record without its file is 404 for both.
            opened = site.openForServing(file);
        } catch (InvalidBinaryFileIdException e) {
            ClusterIOLogger.WEB_LOGGER.requestRefused(path, printable(e.getMessage()));
            exchange.setStatusCode(StatusCodes.BAD_REQUEST).endExchange();
            return;
        } catch (BinaryFileNotFoundException e) {
            ClusterIOLogger.WEB_LOGGER.fileNotFound(path, site.siteName(), id);
            exchange.setStatusCode(StatusCodes.NOT_FOUND).endExchange();
            return;
        } catch (IOBackendException e) {
            ClusterIOLogger.WEB_LOGGER.storageUnavailable(path, e.getMessage());
            unavailable(exchange);
            return;
        }
        boolean handedOver = false;
        try {
            Optional<BinaryFile> current = describedBy(site, file, opened);
            if (current.isEmpty()) {
                ClusterIOLogger.WEB_LOGGER.fileGoneWhileServed(path, id, site.siteName());
                notFoundAfterAll(exchange);
                return;
            }
            exchange.getResponseHeaders().put(CACHE_TAGS, String.join(" ", CacheTags.ofFile(site.site().storageRoot(), id)));
            handedOver = answer(exchange, current.get(), opened, path, head);
        } catch (BinaryFileNotFoundException e) {
            ClusterIOLogger.WEB_LOGGER.fileGoneWhileServed(path, id, site.siteName());
            notFoundAfterAll(exchange); // deleted between opening and reading (an S3 object read after its HEAD)
        } catch (IOBackendException e) {
            ClusterIOLogger.WEB_LOGGER.storageUnavailable(path, e.getMessage());
            unavailable(exchange);
        } finally {
            if (!handedOver) {
                opened.close();
            }
        }
    }

    /**
     * The record the answer's type comes from. Size and time always come from the opened bytes; when the record
     * names another size (the file was replaced after the lookup, or a node wrote the file and has not written its
     * row yet) it is read once more, which tells a file deleted meanwhile (empty: 404) from a replaced one. A record
     * older than its file is not read again: that is every file copied after its row was written (migrate-files),
     * and the opened bytes describe themselves anyway.
     */
    private static Optional<BinaryFile> describedBy(SiteIOService site, BinaryFile file, OpenedBinary opened) {
        return file.size() == opened.size() ? Optional.of(file) : site.find(file.id());
    }

    /** @return whether the opened bytes were handed to Undertow, which then closes them */
    private boolean answer(HttpServerExchange exchange, BinaryFile file, OpenedBinary opened, String path, boolean head) throws IOException {
        String etag = EntityTags.of(opened);
        Instant lastModified = Instant.ofEpochSecond(opened.lastModified().getEpochSecond());
        exchange.getResponseHeaders().put(Headers.ETAG, etag);
        exchange.getResponseHeaders().put(Headers.LAST_MODIFIED, HttpDates.format(lastModified));
        exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, config.cacheControl(path));
        exchange.getResponseHeaders().put(Headers.ACCEPT_RANGES, "bytes");
        Preconditions preconditions = Preconditions.evaluate(exchange.getRequestHeaders(), etag, lastModified);
        if (preconditions == Preconditions.PRECONDITION_FAILED) {
            ClusterIOLogger.WEB_LOGGER.preconditionFailed(path, etag, HttpDates.format(lastModified));
        }
        if (preconditions != Preconditions.PROCEED) {
            exchange.setStatusCode(preconditions == Preconditions.NOT_MODIFIED ? StatusCodes.NOT_MODIFIED : StatusCodes.PRECONDITION_FAILED).endExchange();
            return false;
        }
        // The IO service hands out normalised types only; sending nothing else keeps a header value with a comma or a
        // line break out of the response even if some other source of BinaryFiles does not.
        String mimeType = Objects.requireNonNullElse(ServingPolicy.normalised(file.mimeType()), MimeTypes.UNKNOWN);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, mimeType);
        if (!config.serving().inline(mimeType)) {
            exchange.getResponseHeaders().put(Headers.CONTENT_DISPOSITION, "attachment");
        }
        long size = opened.size();
        ByteRange range = rangeRequested(exchange, etag, lastModified) ? ByteRange.of(exchange.getRequestHeaders().getFirst(Headers.RANGE), size) : ByteRange.WHOLE;
        switch (range.kind()) {
            case UNSATISFIABLE -> {
                exchange.getResponseHeaders().put(Headers.CONTENT_RANGE, "bytes */" + size);
                exchange.setStatusCode(StatusCodes.REQUEST_RANGE_NOT_SATISFIABLE).endExchange();
                return false;
            }
            case PART -> {
                exchange.setStatusCode(StatusCodes.PARTIAL_CONTENT);
                exchange.getResponseHeaders().put(Headers.CONTENT_RANGE, "bytes " + range.first() + "-" + range.last() + "/" + size);
                exchange.setResponseContentLength(range.length());
                return send(exchange, opened, range.first(), range.length(), head);
            }
            default -> {
                exchange.setResponseContentLength(size);
                return send(exchange, opened, 0, size, head);
            }
        }
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

    /**
     * Sends exactly the stated bytes of the opened content. All of a local file goes to the kernel (sendfile), bounded
     * by the Content-Length already set; anything else is streamed.
     *
     * @return whether the opened bytes were handed to Undertow, which then closes them
     */
    private static boolean send(HttpServerExchange exchange, OpenedBinary opened, long offset, long length, boolean head) throws IOException {
        if (head) {
            exchange.endExchange();
            return false;
        }
        Optional<FileChannel> channel = opened.channel();
        if (channel.isPresent() && offset == 0 && length == opened.size()) {
            channel.get().position(0);
            exchange.getResponseSender().transferFrom(channel.get(), new ClosingCallback(opened));
            return true;
        }
        InputStream in = opened.read(offset, length);
        exchange.startBlocking();
        try (in; OutputStream out = exchange.getOutputStream()) {
            in.transferTo(out);
        }
        return false;
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

    /** Counts the response the filter gives, with the bytes really sent, once the exchange is over (sendfile too). */
    private void countWhenComplete(HttpServerExchange exchange) {
        exchange.addExchangeCompleteListener((completed, next) -> {
            config.statistics().completed(completed.getStatusCode(), completed.getResponseBytesSent());
            next.proceed();
        });
    }

    /** A refusal's reason may quote the decoded id, control characters included: they must not break log lines. */
    private static String printable(String reason) {
        return reason == null ? null : reason.replaceAll("\\p{Cntrl}", "?");
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
    static String pathInApplication(HttpServerExchange exchange) {
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
    private record ClosingCallback(OpenedBinary opened) implements IoCallback {

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
            opened.close();
        }
    }
}
