package org.clusterio.test.web;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

import org.clusterio.test.support.FilesServlet;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.api.ServerSetup;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The layer's storage filter over real HTTP: files stored through the application are served at their storage URIs
 * with RFC 9110 semantics, no hostile path ever reaches a byte outside the storage, and no hostile upload becomes
 * active content on the application's origin: the type the name stands for wins, every answer is nosniff and
 * sandboxed, anything but passive types is a download. Path parameters such as {@code ;jsessionid=} do not change
 * which file is served.
 */
@ExtendWith(ArquillianExtension.class)
@ServerSetup(BrokenStorageSetup.class)
@RunAsClient
class StorageFilterTestCase {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String HTML = "<!DOCTYPE html><html><body><script>fetch('/steal?c=' + document.cookie)</script></body></html>";
    private static final String SVG = "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(document.domain)\"><script>alert(1)</script></svg>";

    @ArquillianResource
    private URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ShrinkWrap.create(WebArchive.class, "storage.war").addClasses(FilesServlet.class, BlockingFilter.class)
                .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml");
    }

    private URI uri(String path) throws Exception {
        return base.toURI().resolve(path);
    }

    private byte[] store(String id, int size) throws Exception {
        byte[] content = new byte[size];
        new Random(size).nextBytes(content);
        HttpResponse<Void> put = HTTP.send(HttpRequest.newBuilder(uri("files/" + id)).PUT(HttpRequest.BodyPublishers.ofByteArray(content)).build(),
                HttpResponse.BodyHandlers.discarding());
        assertEquals(204, put.statusCode());
        return content;
    }

    /** Stores as an application does with an upload: no declared type, so the service decides it. */
    private void store(String id, String content) throws Exception {
        HttpResponse<Void> put = HTTP.send(HttpRequest.newBuilder(uri("files/" + id)).PUT(HttpRequest.BodyPublishers.ofString(content)).build(),
                HttpResponse.BodyHandlers.discarding());
        assertEquals(204, put.statusCode());
    }

    private HttpResponse<byte[]> get(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String header(HttpResponse<?> response, String name) {
        return response.headers().firstValue(name).orElse(null);
    }

    @Test
    void servesFilesWithValidatorsAndCacheHeaders() throws Exception {
        byte[] content = store("images/filter/photo.jpg", 100_000);
        HttpResponse<byte[]> response = get("var/site/storage/images/filter/photo.jpg");
        assertEquals(200, response.statusCode(), "served before the application's own filter, which would answer 418");
        assertArrayEquals(content, response.body());
        assertEquals("image/jpeg", header(response, "Content-Type"));
        assertEquals("100000", header(response, "Content-Length"));
        assertEquals("bytes", header(response, "Accept-Ranges"));
        assertEquals("public, max-age=86400", header(response, "Cache-Control"));
        assertTrue(header(response, "ETag").matches("\"[0-9a-f]+\\.[0-9a-f]+-186a0\""), "modification time to the nanosecond, and size: " + header(response, "ETag"));
        assertTrue(header(response, "Last-Modified").endsWith(" GMT"));

        HttpResponse<byte[]> head = HTTP.send(HttpRequest.newBuilder(uri("var/site/storage/images/filter/photo.jpg")).method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, head.statusCode());
        assertEquals(0, head.body().length);
        for (String name : List.of("Content-Type", "Content-Length", "ETag", "Last-Modified", "Cache-Control", "Accept-Ranges")) {
            assertEquals(header(response, name), header(head, name), "HEAD and GET agree on " + name);
        }

        store("images-versioned/filter/draft.png", 10);
        assertEquals("public, max-age=31536000, immutable", header(get("var/site/storage/images-versioned/filter/draft.png"), "Cache-Control"));
    }

    @Test
    void answersConditionalRequestsAndNeverWithAStaleTag() throws Exception {
        store("images/filter/conditional.jpg", 5000);
        HttpResponse<byte[]> first = get("var/site/storage/images/filter/conditional.jpg");
        String etag = header(first, "ETag");
        String lastModified = header(first, "Last-Modified");

        assertEquals(304, get("var/site/storage/images/filter/conditional.jpg", "If-None-Match", etag).statusCode());
        assertEquals(304, get("var/site/storage/images/filter/conditional.jpg", "If-None-Match", "W/" + etag).statusCode());
        assertEquals(304, get("var/site/storage/images/filter/conditional.jpg", "If-None-Match", "\"other\", " + etag).statusCode());
        assertEquals(304, get("var/site/storage/images/filter/conditional.jpg", "If-None-Match", "*").statusCode());
        assertEquals(200, get("var/site/storage/images/filter/conditional.jpg", "If-None-Match", "\"other\"").statusCode());
        assertEquals(304, get("var/site/storage/images/filter/conditional.jpg", "If-Modified-Since", lastModified).statusCode());
        assertEquals(200, get("var/site/storage/images/filter/conditional.jpg", "If-Modified-Since", "Mon, 01 Jan 2001 00:00:00 GMT").statusCode());
        assertEquals(200, get("var/site/storage/images/filter/conditional.jpg", "If-None-Match", "\"other\"", "If-Modified-Since", lastModified).statusCode(),
                "If-None-Match decides when present");
        HttpResponse<byte[]> notModified = get("var/site/storage/images/filter/conditional.jpg", "If-None-Match", etag);
        assertEquals(etag, header(notModified, "ETag"));
        assertEquals(0, notModified.body().length);

        byte[] replaced = store("images/filter/conditional.jpg", 6000);
        HttpResponse<byte[]> stale = get("var/site/storage/images/filter/conditional.jpg", "If-None-Match", etag);
        assertEquals(200, stale.statusCode(), "a stale tag must get the new file, not 304");
        assertArrayEquals(replaced, stale.body());
        assertNotEquals(etag, header(stale, "ETag"));
    }

    @Test
    void servesRanges() throws Exception {
        byte[] content = store("images/filter/range.bin", 1000);
        HttpResponse<byte[]> part = get("var/site/storage/images/filter/range.bin", "Range", "bytes=10-19");
        assertEquals(206, part.statusCode());
        assertEquals("bytes 10-19/1000", header(part, "Content-Range"));
        assertEquals("10", header(part, "Content-Length"));
        assertArrayEquals(java.util.Arrays.copyOfRange(content, 10, 20), part.body());

        HttpResponse<byte[]> suffix = get("var/site/storage/images/filter/range.bin", "Range", "bytes=-5");
        assertEquals("bytes 995-999/1000", header(suffix, "Content-Range"));
        assertArrayEquals(java.util.Arrays.copyOfRange(content, 995, 1000), suffix.body());
        assertEquals("bytes 990-999/1000", header(get("var/site/storage/images/filter/range.bin", "Range", "bytes=990-"), "Content-Range"));
        assertEquals("bytes 0-999/1000", header(get("var/site/storage/images/filter/range.bin", "Range", "bytes=0-5000"), "Content-Range"));

        HttpResponse<byte[]> unsatisfiable = get("var/site/storage/images/filter/range.bin", "Range", "bytes=1000-");
        assertEquals(416, unsatisfiable.statusCode());
        assertEquals("bytes */1000", header(unsatisfiable, "Content-Range"));
        for (String ignored : new String[] { "bytes=a-b", "bytes=5-1", "items=0-1", "bytes=0-1,5-6" }) {
            HttpResponse<byte[]> whole = get("var/site/storage/images/filter/range.bin", "Range", ignored);
            assertEquals(200, whole.statusCode(), ignored);
            assertEquals(1000, whole.body().length, ignored);
        }
        String etag = header(part, "ETag");
        assertEquals(206, get("var/site/storage/images/filter/range.bin", "Range", "bytes=0-0", "If-Range", etag).statusCode());
        assertEquals(200, get("var/site/storage/images/filter/range.bin", "Range", "bytes=0-0", "If-Range", "\"stale\"").statusCode());
        assertEquals(200, get("var/site/storage/images/filter/range.bin", "Range", "bytes=0-0", "If-Range", "W/" + etag).statusCode(), "If-Range compares strongly");
        assertEquals(206, get("var/site/storage/images/filter/range.bin", "Range", "bytes=0-0", "If-Range", header(part, "Last-Modified")).statusCode());
    }

    @Test
    void answersMissingFilesOtherMethodsAndOtherPaths() throws Exception {
        assertEquals(404, get("var/site/storage/images/filter/none.jpg").statusCode());
        assertEquals(400, get("var/site/storage/images/filter/a%5Cb.jpg").statusCode(), "a backslash is never part of an id");
        assertEquals(400, get("var/site/storage/images/filter/%C0%AE%C0%AE/x.jpg").statusCode(), "overlong UTF-8 is refused");
        HttpResponse<String> post = HTTP.send(HttpRequest.newBuilder(uri("var/site/storage/images/filter/none.jpg")).POST(HttpRequest.BodyPublishers.ofString("x")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(405, post.statusCode());
        assertEquals("GET, HEAD", header(post, "Allow"));

        store("original/filter/document.pdf", 10);
        assertEquals(418, get("var/site/storage/original/filter/document.pdf").statusCode(),
                "paths the pattern does not match go on to the application (whose own filter answers)");
        assertEquals(200, get("files/original/filter/document.pdf").statusCode(), "the application itself still runs");
    }

    @Test
    void answers503WhenTheStorageCannotBeReached() throws Exception {
        HttpResponse<byte[]> response = get("var/down/storage/images/x.jpg");
        assertEquals(503, response.statusCode());
        assertEquals("5", header(response, "Retry-After"));
        assertEquals("nosniff", header(response, "X-Content-Type-Options"), "every answer of the filter, 503 too");
        assertEquals("sandbox", header(response, "Content-Security-Policy"));
    }

    @Test
    void noHostilePathReachesAByteOutsideTheStorage() throws Exception {
        store("images/filter/inside.txt", 10);
        String context = base.getPath(); // such as /storage/
        List<String> hostile = List.of(
                "var/site/storage/images/../../../../standalone/configuration/standalone.xml",
                "var/site/storage/images/%2e%2e/%2e%2e/%2e%2e/%2e%2e/standalone/configuration/standalone.xml",
                "var/site/storage/images/%2E%2E/%2E%2E/%2E%2E/%2E%2E/standalone/configuration/standalone.xml",
                "var/site/storage/images/.%2e/.%2e/.%2e/.%2e/standalone/configuration/standalone.xml",
                "var/site/storage/images/%2e./%2e./%2e./standalone/configuration/standalone.xml",
                "var/site/storage/images/..%2f..%2f..%2f..%2fstandalone/configuration/standalone.xml",
                "var/site/storage/images/..%2F..%2F..%2F..%2Fstandalone%2Fconfiguration%2Fstandalone.xml",
                "var/site/storage/images/%2e%2e%2f%2e%2e%2f%2e%2e%2f%2e%2e%2fstandalone%2fconfiguration%2fstandalone.xml",
                "var/site/storage/images/..;/..;/..;/..;/standalone/configuration/standalone.xml",
                "var/site/storage/images/..;foo=bar/..;/..;/..;/standalone/configuration/standalone.xml",
                "var/site/storage/images/%2e%2e;/%2e%2e;/%2e%2e;/standalone/configuration/standalone.xml",
                "var/site/storage/images/..\\..\\..\\..\\standalone\\configuration\\standalone.xml",
                "var/site/storage/images/..%5c..%5c..%5c..%5cstandalone%5cconfiguration%5cstandalone.xml",
                "var/site/storage/images/..%5C..%5C..%5C..%5Cstandalone%5Cconfiguration%5Cstandalone.xml",
                "var/site/storage/images/%252e%252e/%252e%252e/%252e%252e/standalone/configuration/standalone.xml",
                "var/site/storage/images/%252e%252e%252f%252e%252e%252fstandalone.xml",
                "var/site/storage/images/%25252e%25252e/standalone.xml",
                "var/site/storage/images/%c0%ae%c0%ae/%c0%ae%c0%ae/%c0%ae%c0%ae/standalone/configuration/standalone.xml",
                "var/site/storage/images/%c0%ae%c0%ae%c0%af%c0%ae%c0%ae%c0%afstandalone.xml",
                "var/site/storage/images/%e0%80%ae%e0%80%ae/standalone.xml",
                "var/site/storage/images/%c1%9c..%c1%9cstandalone.xml",
                "var/site/storage/images/%c0%2e%c0%2e/standalone.xml",
                "var/site/storage/images/filter/inside.txt%00.jpg",
                "var/site/storage/images/filter/inside.txt%00",
                "var/site/storage/images/%00/../../../standalone.xml",
                "var/site/storage/images/filter/%0d%0aSet-Cookie:x=y",
                "var/site/storage/images/filter/inside.txt%0a",
                "var/site/storage/images/filter/inside.txt%09",
                "var/site/storage/images/filter/inside.txt%7f",
                "var/site/storage/images//etc/passwd",
                "var/site/storage/images/%2fetc%2fpasswd",
                "var/site/storage/images/%2F%2Fetc%2Fpasswd",
                "var/site/storage/images/./filter/inside.txt",
                "var/site/storage/images/%2e/filter/inside.txt",
                "var/site/storage/images/filter/./inside.txt",
                "var/site/storage/images/filter/inside.txt/",
                "var/site/storage/images/filter/inside.txt/.",
                "var/site/storage/images/filter/inside.txt/..",
                "var/site/storage/images/filter/inside.txt%2f..",
                "var/site/storage/images/.../.../standalone.xml",
                "var/site/storage/images/%2e%2e%2e/standalone.xml",
                "var/site/storage/images/file:///etc/passwd",
                "var/site/storage/images/%ff%fe/standalone.xml",
                "var/site/storage/images/%e2%80%ae/standalone.xml",
                "var/site/storage/images/%",
                "var/site/storage/images/%zz",
                "var/site/storage/images/%2",
                "var/site/storage/images/" + "a/".repeat(600) + "x.jpg",
                "var/site/storage/images/../storage/images/filter/inside.txt",
                "var/site/storage/images/%2e%2e/storage/images/filter/inside.txt",
                "var/site/storage/images/filter/..%2finside.txt",
                "var/site/storage/images-versioned/../../../../standalone/configuration/standalone.xml",
                "var/site/storage/images-versioned/%2e%2e/%2e%2e/%2e%2e/%2e%2e/standalone/configuration/standalone.xml",
                "var/%2e%2e/%2e%2e/standalone/configuration/standalone.xml",
                "var/site/storage/images/%5c%2e%2e%5c%2e%2e%5cstandalone.xml");
        assertTrue(hostile.size() >= 50);
        for (String path : hostile) {
            RawResponse response = raw(context + path);
            assertTrue(response.status == 400 || response.status == 404, path + " -> " + response.status);
            assertFalse(response.body.contains("<server") || response.body.contains("root:"), path + " leaked a file from outside the storage");
        }
    }

    private static void assertPolicyHeaders(HttpResponse<?> response, String what) {
        assertEquals("nosniff", header(response, "X-Content-Type-Options"), what);
        assertEquals("sandbox", header(response, "Content-Security-Policy"), what);
    }

    @Test
    void htmlNamedAsAnImageIsServedAsThatImageType() throws Exception {
        store("images/hostile/evil.jpg", HTML);
        HttpResponse<byte[]> response = get("var/site/storage/images/hostile/evil.jpg");
        assertEquals(200, response.statusCode());
        assertEquals("image/jpeg", header(response, "Content-Type"), "the name wins over the content");
        assertPolicyHeaders(response, "200");
        assertNull(header(response, "Content-Disposition"), "JPEG is an inline type");
        assertArrayEquals(HTML.getBytes(StandardCharsets.UTF_8), response.body(), "the bytes are served unchanged, only never as HTML");

        store("images/hostile/evil", HTML);
        HttpResponse<byte[]> unnamed = get("var/site/storage/images/hostile/evil");
        assertEquals("application/octet-stream", header(unnamed, "Content-Type"), "sniffing never yields an active type");
        assertEquals("attachment", header(unnamed, "Content-Disposition"));
        assertPolicyHeaders(unnamed, "no extension");
    }

    @Test
    void activeAndDocumentTypesStoredOnPurposeAreSandboxedDownloads() throws Exception {
        store("images/hostile/logo.svg", SVG);
        HttpResponse<byte[]> svg = get("var/site/storage/images/hostile/logo.svg");
        assertEquals(200, svg.statusCode());
        assertEquals("image/svg+xml", header(svg, "Content-Type"));
        assertPolicyHeaders(svg, "svg");
        assertEquals("attachment", header(svg, "Content-Disposition"), "SVG is not on the default inline list");

        store("images/hostile/report.pdf", "%PDF-1.7\n1 0 obj << /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >> endobj");
        HttpResponse<byte[]> pdf = get("var/site/storage/images/hostile/report.pdf");
        assertEquals("application/pdf", header(pdf, "Content-Type"));
        assertEquals("attachment", header(pdf, "Content-Disposition"));
        assertPolicyHeaders(pdf, "pdf");

        store("images/hostile/page.html", HTML);
        HttpResponse<byte[]> html = get("var/site/storage/images/hostile/page.html");
        assertEquals("text/html", header(html, "Content-Type"));
        assertEquals("attachment", header(html, "Content-Disposition"));
        assertPolicyHeaders(html, "html");

        HttpResponse<byte[]> head = HTTP.send(HttpRequest.newBuilder(uri("var/site/storage/images/hostile/logo.svg")).method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals("attachment", header(head, "Content-Disposition"), "HEAD agrees with GET");
        assertPolicyHeaders(head, "HEAD");
    }

    @Test
    void everyAnswerOfTheFilterCarriesThePolicyHeaders() throws Exception {
        store("images/hostile/statuses.png", "0123456789");
        HttpResponse<byte[]> whole = get("var/site/storage/images/hostile/statuses.png");
        assertPolicyHeaders(whole, "200");
        HttpResponse<byte[]> notModified = get("var/site/storage/images/hostile/statuses.png", "If-None-Match", header(whole, "ETag"));
        assertEquals(304, notModified.statusCode());
        assertPolicyHeaders(notModified, "304");
        HttpResponse<byte[]> part = get("var/site/storage/images/hostile/statuses.png", "Range", "bytes=2-4");
        assertEquals(206, part.statusCode());
        assertPolicyHeaders(part, "206");
        HttpResponse<byte[]> unsatisfiable = get("var/site/storage/images/hostile/statuses.png", "Range", "bytes=100-");
        assertEquals(416, unsatisfiable.statusCode());
        assertPolicyHeaders(unsatisfiable, "416");
        HttpResponse<byte[]> missing = get("var/site/storage/images/hostile/missing.png");
        assertEquals(404, missing.statusCode());
        assertPolicyHeaders(missing, "404");
        HttpResponse<byte[]> malformed = get("var/site/storage/images/hostile/%C0%AE%C0%AE/x.png");
        assertEquals(400, malformed.statusCode());
        assertPolicyHeaders(malformed, "400");
        HttpResponse<String> post = HTTP.send(HttpRequest.newBuilder(uri("var/site/storage/images/hostile/statuses.png")).POST(HttpRequest.BodyPublishers.ofString("x")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(405, post.statusCode());
        assertPolicyHeaders(post, "405");
    }

    @Test
    void pathParametersDoNotChangeTheFileServed() throws Exception {
        store("images/hostile/session.png", "session bytes");
        for (String path : new String[] { "var/site/storage/images/hostile/session.png;jsessionid=abc123",
                "var/site/storage/images/hostile/session.png;jsessionid=abc123.node1", "var/site;v=2/storage/images;x/hostile/session.png" }) {
            HttpResponse<byte[]> response = get(path);
            assertEquals(200, response.statusCode(), path);
            assertEquals("session bytes", new String(response.body(), StandardCharsets.UTF_8), path);
            assertEquals("image/png", header(response, "Content-Type"), path);
            assertPolicyHeaders(response, path);
        }
        store("images/hostile/semi%3Bcolon.png", "encoded semicolon");
        HttpResponse<byte[]> encoded = get("var/site/storage/images/hostile/semi%3Bcolon.png");
        assertEquals(200, encoded.statusCode(), "an encoded ';' is part of the name, not a parameter");
        assertEquals("encoded semicolon", new String(encoded.body(), StandardCharsets.UTF_8));
        int dotDot = get("var/site/storage/images/hostile/..;/..;/images/hostile/session.png").statusCode();
        assertTrue(dotDot == 400 || dotDot == 404, "'..;' is '..' once its parameter is gone: " + dotDot);
    }

    private record RawResponse(int status, String body) {
    }

    /** Sends the path byte for byte, as a hostile client would: no client-side normalisation or encoding. */
    private RawResponse raw(String path) throws Exception {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: " + base.getHost() + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            in.transferTo(received);
            String text = received.toString(StandardCharsets.ISO_8859_1);
            int status = Integer.parseInt(text.substring(9, 12));
            int bodyStart = text.indexOf("\r\n\r\n");
            return new RawResponse(status, bodyStart < 0 ? "" : text.substring(bodyStart + 4));
        }
    }
}
