package org.clusterio.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.undertow.io.IoCallback;
import io.undertow.io.Sender;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;
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
 * <p>Requests run on a worker thread, as lookups and reads may block; a GET of a whole file whose record this node
 * holds in memory and whose bytes are a local file is answered on the IO thread instead, with the same answer
 * ({@link #answeredInIoThread}). Header values that depend on the file's version only are made once per version
 * ({@link VersionHeaders}).</p>
 *
 * <p>Longer than 250 lines because the order of its checks is RFC 9110's (13.2.2) and one request's flow reads top
 * to bottom here; what stands alone is beside it ({@link RequestPaths}, {@link Preconditions}, {@link ByteRange},
 * {@link EntityTags}, {@link HttpDates}).</p>
 */
public final class StorageRequestHandler implements HttpHandler {

    static final String RETRY_AFTER_SECONDS = "5";
    /** Set once the exchange's answer is counted: a request the IO thread leaves to a worker is counted once. */
    private static final AttachmentKey<Boolean> COUNTED = AttachmentKey.create(Boolean.class);
    private static final HttpString IF_RANGE = new HttpString("If-Range");
    private static final HttpString CACHE_TAGS = new HttpString(HttpCache.TAG_HEADER);
    private static final Set<HttpString> POLICY_HEADERS = Set.of(new HttpString(ServingPolicy.X_CONTENT_TYPE_OPTIONS),
            new HttpString(ServingPolicy.CONTENT_SECURITY_POLICY));

    private final HttpHandler next;
    private final StorageFilter config;
    private final SiteDirectory sites;
    private final VersionHeaderCache versionHeaders;
    private final Map<HttpString, String> policyHeaders;

    public StorageRequestHandler(HttpHandler next, StorageFilter config, SiteDirectory sites) {
        this.next = next;
        this.config = config;
        this.sites = sites;
        this.versionHeaders = new VersionHeaderCache(config.serving());
        this.policyHeaders = policyHeaders(config.serving());
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
            putPolicyHeaders(exchange);
            exchange.setStatusCode(StatusCodes.BAD_REQUEST).endExchange();
            return;
        }
        if (target.isEmpty() || !config.serves(target.get().site().siteName())) {
            next.handleRequest(exchange); // not a URI of a site this filter serves: the application decides
            return;
        }
        putPolicyHeaders(exchange);
        SiteIOService site = target.get().site();
        String id = target.get().id();
        if (exchange.isInIoThread()) {
            if (!answeredInIoThread(exchange, site, id, path)) {
                exchange.dispatch(this); // lookups and file reads block
            }
            return;
        }
        serve(exchange, site, id, path);
    }

    /**
     * Answers a GET of a whole file without leaving the IO thread when nothing on the way can block: the record is in
     * this node's memory (a current persistence cache entry) and the bytes are a local file, sent with sendfile, which
     * Undertow does asynchronously. Handing a request to a worker thread and back costs as much as the rest of a small
     * file's answer. A storage on NFS or S3, a record only the database knows, a range (streamed, blocking) and a
     * record whose size the bytes contradict (read again from the database) go to a worker as before.
     *
     * @return false when the request is for a worker thread, untouched but for the policy headers
     */
    private boolean answeredInIoThread(HttpServerExchange exchange, SiteIOService site, String id, String path) throws IOException {
        if (!exchange.getRequestMethod().equals(Methods.GET) || exchange.getRequestHeaders().contains(Headers.RANGE) || !site.opensWithoutBlocking()) {
            return false;
        }
        Optional<BinaryFile> known;
        try {
            known = site.loadFromMemory(id);
        } catch (RuntimeException e) {
            return false; // the worker's lookup fails too, and answers as it always does
        }
        if (known.isEmpty()) {
            return false;
        }
        countWhenComplete(exchange);
        Optional<OpenedBinary> opened = opened(exchange, site, known.get(), path);
        if (opened.isEmpty()) {
            return true;
        }
        if (opened.get().size() != known.get().size()) {
            // Asking the database which is right would block: the worker does it, with its own count and its own open.
            opened.get().close();
            return false;
        }
        deliver(exchange, site, known.get(), opened.get(), path, false);
        return true;
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
        try {
            file = site.load(id);
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
        // HEAD opens the bytes too: it answers what GET would, so a record without its file is 404 for both.
        Optional<OpenedBinary> opened = opened(exchange, site, file, path);
        if (opened.isPresent()) {
            deliver(exchange, site, file, opened.get(), path, head);
        }
    }

    /** @return the record's bytes opened; empty when they could not be, and the answer saying so was given */
    private static Optional<OpenedBinary> opened(HttpServerExchange exchange, SiteIOService site, BinaryFile file, String path) {
        try {
            return Optional.of(site.openForServing(file));
        } catch (InvalidBinaryFileIdException e) {
            ClusterIOLogger.WEB_LOGGER.requestRefused(path, printable(e.getMessage()));
            exchange.setStatusCode(StatusCodes.BAD_REQUEST).endExchange();
        } catch (BinaryFileNotFoundException e) {
            ClusterIOLogger.WEB_LOGGER.fileNotFound(path, site.siteName(), file.id());
            exchange.setStatusCode(StatusCodes.NOT_FOUND).endExchange();
        } catch (IOBackendException e) {
            ClusterIOLogger.WEB_LOGGER.storageUnavailable(path, e.getMessage());
            unavailable(exchange);
        }
        return Optional.empty();
    }

    /** Answers with the opened bytes of the record, and closes them unless Undertow has taken them to send. */
    private void deliver(HttpServerExchange exchange, SiteIOService site, BinaryFile file, OpenedBinary opened, String path, boolean head) throws IOException {
        String id = file.id();
        boolean handedOver = false;
        try {
            Optional<BinaryFile> current = describedBy(site, file, opened);
            if (current.isEmpty()) {
                ClusterIOLogger.WEB_LOGGER.fileGoneWhileServed(path, id, site.siteName());
                notFoundAfterAll(exchange);
                return;
            }
            VersionHeaders version = versionHeaders.of(site.site().storageRoot(), id, current.get().mimeType(), opened);
            exchange.getResponseHeaders().put(CACHE_TAGS, version.cacheTags());
            handedOver = answer(exchange, version, opened, path, head);
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
    private boolean answer(HttpServerExchange exchange, VersionHeaders version, OpenedBinary opened, String path, boolean head) throws IOException {
        String etag = version.etag();
        Instant lastModified = version.lastModified();
        exchange.getResponseHeaders().put(Headers.ETAG, etag);
        exchange.getResponseHeaders().put(Headers.LAST_MODIFIED, version.lastModifiedHeader());
        exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, config.cacheControl(path));
        exchange.getResponseHeaders().put(Headers.ACCEPT_RANGES, "bytes");
        Preconditions preconditions = Preconditions.evaluate(exchange.getRequestHeaders(), etag, lastModified);
        if (preconditions == Preconditions.PRECONDITION_FAILED) {
            ClusterIOLogger.WEB_LOGGER.preconditionFailed(path, etag, version.lastModifiedHeader());
        }
        if (preconditions != Preconditions.PROCEED) {
            exchange.setStatusCode(preconditions == Preconditions.NOT_MODIFIED ? StatusCodes.NOT_MODIFIED : StatusCodes.PRECONDITION_FAILED).endExchange();
            return false;
        }
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, version.contentType());
        if (version.attachment()) {
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

    /** Counts the response the filter gives, with the bytes really sent, once the exchange is over (sendfile too), once. */
    private void countWhenComplete(HttpServerExchange exchange) {
        if (exchange.putAttachment(COUNTED, Boolean.TRUE) != null) {
            return; // counted already: the IO thread began the answer and left it to a worker
        }
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
    private void putPolicyHeaders(HttpServerExchange exchange) {
        policyHeaders.forEach((name, value) -> exchange.getResponseHeaders().put(name, value));
    }

    /** The policy's headers with their names made once, not per request. */
    private static Map<HttpString, String> policyHeaders(ServingPolicy policy) {
        Map<HttpString, String> headers = new LinkedHashMap<>();
        policy.headers().forEach((name, value) -> headers.put(new HttpString(name), value));
        return Collections.unmodifiableMap(headers);
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
