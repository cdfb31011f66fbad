package org.clusterio.test.docs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import org.clusterio.testing.UploadForm;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The quick start's demo page, over real HTTP: upload a file through the form, then fetch it back. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class DemoApplicationTestCase {

    @ArquillianResource
    private URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ShrinkWrap.create(ZipImporter.class, "demo.war").importFrom(new File(System.getProperty("demo.war"))).as(WebArchive.class);
    }

    @Test
    void uploadThroughTheFormAndFetchTheFileBack() throws Exception {
        byte[] image = new byte[300_000];
        new Random(7).nextBytes(image);
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

        HttpResponse<String> posted = http.send(HttpRequest.newBuilder(base.toURI())
                .header("Content-Type", UploadForm.CONTENT_TYPE)
                .POST(HttpRequest.BodyPublishers.ofByteArray(UploadForm.body("holiday photo.png", image))).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(303, posted.statusCode(), posted.body());
        String location = posted.headers().firstValue("Location").orElseThrow();
        assertTrue(location.contains("stored=original%2Fdemo%2Fholiday_photo.png"), location);

        HttpResponse<String> page = http.send(HttpRequest.newBuilder(base.toURI().resolve(URI.create(location))).build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(page.body().contains("href='files/original/demo/holiday_photo.png'"), page.body());

        HttpResponse<byte[]> fetched = http.send(HttpRequest.newBuilder(base.toURI().resolve("files/original/demo/holiday_photo.png")).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, fetched.statusCode());
        assertEquals("image/png", fetched.headers().firstValue("Content-Type").orElseThrow());
        assertArrayEquals(image, fetched.body());
    }

    @Test
    void missingAndHostileIdsAreNotServed() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        assertEquals(404, http.send(HttpRequest.newBuilder(base.toURI().resolve("files/original/demo/none.png")).build(), HttpResponse.BodyHandlers.discarding()).statusCode());
        // Undertow normalises "..", so encode it to reach the application as a literal segment.
        int status = http.send(HttpRequest.newBuilder(base.toURI().resolve("files/original/%2E%2E/%2E%2E/%2E%2E/standalone/configuration/standalone.xml")).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        assertTrue(status == 400 || status == 404, "status " + status);
    }

    @Test
    void uploadsAreNeverActiveContentOnTheDemosOrigin() throws Exception {
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        byte[] html = "<!DOCTYPE html><html><script>alert(document.cookie)</script></html>".getBytes(StandardCharsets.UTF_8);
        upload(http, "evil.jpg", html);
        HttpResponse<byte[]> image = http.send(HttpRequest.newBuilder(base.toURI().resolve("files/original/demo/evil.jpg")).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, image.statusCode());
        assertEquals("image/jpeg", image.headers().firstValue("Content-Type").orElseThrow(), "the name wins over the content");
        assertEquals("nosniff", image.headers().firstValue("X-Content-Type-Options").orElse(null));
        assertEquals("sandbox", image.headers().firstValue("Content-Security-Policy").orElse(null));
        assertTrue(image.headers().firstValue("Content-Disposition").isEmpty());

        upload(http, "logo.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>".getBytes(StandardCharsets.UTF_8));
        HttpResponse<byte[]> svg = http.send(HttpRequest.newBuilder(base.toURI().resolve("files/original/demo/logo.svg")).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals("image/svg+xml", svg.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("sandbox", svg.headers().firstValue("Content-Security-Policy").orElse(null));
        assertEquals("attachment", svg.headers().firstValue("Content-Disposition").orElse(null));

        HttpResponse<byte[]> missing = http.send(HttpRequest.newBuilder(base.toURI().resolve("files/original/demo/none.svg")).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(404, missing.statusCode());
        assertEquals("nosniff", missing.headers().firstValue("X-Content-Type-Options").orElse(null), "error pages too");
        assertEquals("sandbox", missing.headers().firstValue("Content-Security-Policy").orElse(null));
    }

    private void upload(HttpClient http, String fileName, byte[] content) throws Exception {
        HttpResponse<String> posted = http.send(HttpRequest.newBuilder(base.toURI())
                .header("Content-Type", UploadForm.CONTENT_TYPE)
                .POST(HttpRequest.BodyPublishers.ofByteArray(UploadForm.body(fileName, content))).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(303, posted.statusCode(), posted.body());
    }
}
