package org.clusterio.test.docs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.io.File;
import java.net.CookieManager;
import java.net.URI;
import java.net.URL;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import org.clusterio.testing.TestImages;
import org.clusterio.testing.UploadForm;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The quick start's gallery over plain HTTP: an upload through the form is stored under images/demo/ and shown from
 * the storage filter's URI; refused uploads get their status (400, 403, 413, 415) and store nothing; deletes need the
 * form's token. GalleryBrowserTestCase does the same in a browser.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class DemoApplicationTestCase {

    @ArquillianResource
    private URL base;

    /** A browser's session: HTTP/1.1 as browsers speak it to an http: URL, cookies kept, redirects not followed. */
    private HttpClient http;
    private String token;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ShrinkWrap.create(ZipImporter.class, "demo.war").importFrom(new File(System.getProperty("demo.war"))).as(WebArchive.class);
    }

    @BeforeEach
    void openTheGallery() throws Exception {
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).followRedirects(HttpClient.Redirect.NEVER).cookieHandler(new CookieManager()).build();
        HttpResponse<String> page = get(base.toURI());
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("<dd id='members'>this server only</dd>") || page.body().contains("<dd id='members'>node1</dd>"), page.body());
        assertTrue(page.body().contains("<dd id='metadata-handler'>filesystem-metadata-handler=default</dd>"), page.body());
        assertTrue(page.body().contains("<dd id='binarydata-handler'>filesystem-binarydata-handler=default</dd>"), page.body());
        token = UploadForm.token(page.body()).orElseThrow(() -> new AssertionError("no token in " + page.body()));
    }

    @Test
    void anUploadIsStoredUnderImagesAndShownThroughTheStorageFilter() throws Exception {
        byte[] image = TestImages.image("png", 200, 120, Color.ORANGE);
        HttpResponse<String> posted = upload("holiday photo <1>.png", image, token);
        assertEquals(303, posted.statusCode(), posted.body());
        String location = posted.headers().firstValue("Location").orElseThrow();
        String id = URLDecoder.decode(location.substring(location.indexOf("stored=") + 7), StandardCharsets.UTF_8);
        assertTrue(id.matches("images/demo/\\d{8}-\\d{6}-[0-9a-f]{6}-holiday_photo_1\\.png"), id);

        HttpResponse<String> page = get(base.toURI().resolve(URI.create(location)));
        assertTrue(page.body().contains("Stored holiday_photo_1.png."), page.body());
        String src = "/demo/var/site/storage/" + id;
        assertTrue(page.body().contains("<img src='" + src + "'"), page.body());

        HttpResponse<byte[]> served = http.send(HttpRequest.newBuilder(base.toURI().resolve(src)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, served.statusCode());
        assertEquals("image/png", served.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("nosniff", served.headers().firstValue("X-Content-Type-Options").orElse(null));
        assertEquals("sandbox", served.headers().firstValue("Content-Security-Policy").orElse(null));
        assertArrayEquals(image, served.body());

        assertEquals(403, delete(id, "not-the-token").statusCode(), "a delete needs the session's token");
        assertEquals(200, http.send(HttpRequest.newBuilder(base.toURI().resolve(src)).build(), HttpResponse.BodyHandlers.discarding()).statusCode());
        HttpResponse<String> deleted = delete(id, token);
        assertEquals(303, deleted.statusCode());
        assertEquals(404, http.send(HttpRequest.newBuilder(base.toURI().resolve(src)).build(), HttpResponse.BodyHandlers.discarding()).statusCode());
        assertEquals(400, delete("original/other/file.pdf", token).statusCode(), "only the gallery's images");
    }

    @Test
    void refusedUploadsSayWhyAndStoreNothing() throws Exception {
        byte[] png = TestImages.image("png", 40, 40, Color.GREEN);
        assertRefused(403, "This form has expired", upload("forged.png", png, "forged"), "forged");
        assertRefused(400, "Choose an image to upload.", upload("", new byte[0], token), "upload");
        assertRefused(400, "is refused: it names a path, not a file", upload("../../../etc/passwd.png", png, token), "passwd");
        assertRefused(400, "is refused: it holds control characters", upload("bell\u0007.png", png, token), "bell");
        byte[] html = "<!DOCTYPE html><html><script>alert(document.cookie)</script></html>".getBytes(StandardCharsets.UTF_8);
        assertRefused(415, "evil.jpg is not a PNG, JPEG, GIF or WebP image.", upload("evil.jpg", html, token), "evil");
        byte[] svg = "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>".getBytes(StandardCharsets.UTF_8);
        assertRefused(415, "logo.svg is not a PNG, JPEG, GIF or WebP image.", upload("logo.svg", svg, token), "logo");
        byte[] large = new byte[6 * 1024 * 1024];
        new Random(7).nextBytes(large);
        System.arraycopy(png, 0, large, 0, 8);
        assertRefused(413, "That file is too large", upload("huge.png", large, token), "huge");

        HttpResponse<String> hostileName = upload("<img src=x onerror=alert(1)>.png", html, token);
        assertEquals(415, hostileName.statusCode());
        assertTrue(hostileName.body().contains("&lt;img src=x onerror=alert(1)&gt;.png is not"), "the name is escaped: " + hostileName.body());
    }

    @Test
    void storageUrisOfMissingAndHostilePathsAreNotServed() throws Exception {
        assertEquals(404, http.send(HttpRequest.newBuilder(base.toURI().resolve("var/site/storage/images/demo/none.png")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode());
        // Undertow normalises "..", so encode it to reach the storage filter as a literal segment.
        int status = http.send(HttpRequest.newBuilder(base.toURI().resolve("var/site/storage/images/%2E%2E/%2E%2E/%2E%2E/%2E%2E/configuration/standalone.xml")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
        assertEquals(400, status);
    }

    private void assertRefused(int status, String reason, HttpResponse<String> answer, String name) throws Exception {
        assertEquals(status, answer.statusCode(), answer.body());
        assertTrue(answer.body().contains(reason), answer.body());
        assertTrue(answer.body().contains("class='notice problem'"), answer.body());
        assertFalse(get(base.toURI().resolve("?size=48")).body().contains("-" + name), "nothing stored for " + name);
    }

    private HttpResponse<String> get(URI uri) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> upload(String fileName, byte[] content, String csrf) throws Exception {
        return http.send(HttpRequest.newBuilder(base.toURI())
                .header("Content-Type", UploadForm.CONTENT_TYPE)
                .POST(HttpRequest.BodyPublishers.ofByteArray(UploadForm.body(fileName, content, csrf))).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> delete(String id, String csrf) throws Exception {
        String form = "csrf=" + URLEncoder.encode(csrf, StandardCharsets.UTF_8) + "&id=" + URLEncoder.encode(id, StandardCharsets.UTF_8);
        return http.send(HttpRequest.newBuilder(base.toURI().resolve("delete")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
