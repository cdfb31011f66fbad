package org.clusterio.test.s3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
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
 * Ibexa DXP's S3 configuration, made with the commands docs/cli/dfs-and-s3.cli documents, against a real
 * S3-compatible server: a WAR stores and reads files, and the storage filter serves them (streamed from S3).
 */
@ExtendWith(ArquillianExtension.class)
@ServerSetup(DfsAndS3Setup.class)
@RunAsClient
class DfsAndS3TestCase {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @ArquillianResource
    private URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ShrinkWrap.create(WebArchive.class, "s3.war").addClass(FilesServlet.class).addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml");
    }

    @Test
    void storesInTheBucketAndServesThroughTheStorageFilter() throws Exception {
        byte[] content = new byte[300_000];
        new Random(3).nextBytes(content);
        URI put = base.toURI().resolve("files/images/s3/photo.jpg");
        assertEquals(204, HTTP.send(HttpRequest.newBuilder(put).PUT(HttpRequest.BodyPublishers.ofByteArray(content)).build(), HttpResponse.BodyHandlers.discarding()).statusCode());

        try (var client = DfsAndS3Setup.s3.client()) {
            assertEquals(content.length, client.headObject(head -> head.bucket(DfsAndS3Setup.BUCKET).key("var/site/storage/images/s3/photo.jpg")).contentLength(),
                    "the key is Ibexa DXP's path below the bucket");
        }
        HttpResponse<byte[]> read = HTTP.send(HttpRequest.newBuilder(base.toURI().resolve("files/images/s3/photo.jpg")).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, read.statusCode());
        assertArrayEquals(content, read.body());

        HttpResponse<byte[]> served = HTTP.send(HttpRequest.newBuilder(base.toURI().resolve("var/site/storage/images/s3/photo.jpg")).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, served.statusCode());
        assertEquals("image/jpeg", served.headers().firstValue("Content-Type").orElseThrow());
        assertArrayEquals(content, served.body());

        HttpResponse<byte[]> range = HTTP.send(HttpRequest.newBuilder(base.toURI().resolve("var/site/storage/images/s3/photo.jpg")).header("Range", "bytes=1000-1999").build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(206, range.statusCode());
        assertArrayEquals(Arrays.copyOfRange(content, 1000, 2000), range.body());

        assertEquals(204, HTTP.send(HttpRequest.newBuilder(put).DELETE().build(), HttpResponse.BodyHandlers.discarding()).statusCode());
        assertEquals(404, HTTP.send(HttpRequest.newBuilder(base.toURI().resolve("var/site/storage/images/s3/photo.jpg")).build(), HttpResponse.BodyHandlers.discarding()).statusCode());
    }
}
