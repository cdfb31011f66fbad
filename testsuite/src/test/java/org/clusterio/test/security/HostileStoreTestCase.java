package org.clusterio.test.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.Serializable;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import jakarta.inject.Inject;

import org.clusterio.api.BinaryFileCreateStruct;
import org.clusterio.api.IOBackendException;
import org.clusterio.api.IOService;
import org.clusterio.api.PersistenceCache;
import org.clusterio.test.security.gadget.PlantedGadget;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs inside the server: what others plant in the shared store and the shared cache gets nowhere. A symbolic link in
 * the default site's storage leads neither the storage filter nor the IO service outside it, and a cached value of a
 * class from the deployment's libraries is refused without running it.
 */
@ExtendWith(ArquillianExtension.class)
class HostileStoreTestCase {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Inject
    private IOService io;

    @Inject
    private PersistenceCache cache;

    /** A type of the application (WEB-INF/classes). */
    record Article(long id, String title) implements Serializable {
    }

    @Deployment
    static WebArchive deployment() {
        JavaArchive library = ShrinkWrap.create(JavaArchive.class, "gadgets.jar").addClass(PlantedGadget.class);
        return ShrinkWrap.create(WebArchive.class, "hostile.war").addClass(HostileStoreTestCase.class).addAsLibrary(library)
                .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml");
    }

    @Test
    void aPlantedLinkLeadsNoOperationOutsideTheStorage() throws Exception {
        io.create(BinaryFileCreateStruct.of("images/hostile/inside.jpg", new ByteArrayInputStream(new byte[] { 1, 2, 3 })));
        Path images = Path.of(System.getProperty("jboss.server.data.dir"), "cluster-io/var/site/storage/images/hostile");
        Path outside = Files.createTempDirectory(Path.of(System.getProperty("jboss.server.temp.dir")), "outside");
        Files.writeString(outside.resolve("secret.jpg"), "outside the storage");
        Path link = Files.createSymbolicLink(images.resolve("planted"), outside);
        try {
            String uri = "var/site/storage/images/hostile/planted/secret.jpg";
            assertEquals(200, send("GET", "var/site/storage/images/hostile/inside.jpg").statusCode(), "the filter serves the storage");
            assertEquals(404, send("GET", uri).statusCode());
            HttpResponse<String> head = send("HEAD", uri);
            assertEquals(404, head.statusCode(), "HEAD tells nothing of the outside file");
            assertTrue(head.headers().firstValue("ETag").isEmpty() && head.headers().firstValue("Last-Modified").isEmpty(), head.headers().toString());
            assertEquals(404, send("GET", uri, "If-None-Match", "*").statusCode(), "a 304 would confirm that the outside file exists");

            assertFalse(io.exists("images/hostile/planted/secret.jpg"));
            assertThrows(IOBackendException.class, () -> io.create(BinaryFileCreateStruct.of("images/hostile/planted/new.jpg",
                    new ByteArrayInputStream(new byte[] { 1 }))));
            io.deleteDirectory("images/hostile/planted");
            try (var listed = Files.list(outside)) {
                assertEquals(1, listed.count(), "nothing written into or deleted from the outside directory");
            }
            assertEquals("outside the storage", Files.readString(outside.resolve("secret.jpg")));
        } finally {
            Files.deleteIfExists(link);
        }
    }

    @Test
    void aCachedValueOfALibraryClassIsRefusedWithoutRunningIt() {
        System.clearProperty(PlantedGadget.RAN);
        cache.put("it-hostile-planted", new PlantedGadget());
        assertEquals(Optional.empty(), cache.get("it-hostile-planted", Article.class));
        assertEquals(Optional.empty(), cache.get("it-hostile-planted", Serializable.class));
        assertNull(System.getProperty(PlantedGadget.RAN), "the library class's readObject never ran");
        Article genuine = new Article(1, "genuine");
        assertEquals(genuine, cache.get("it-hostile-planted", Article.class, () -> genuine), "a miss: the loader's value replaces the planted one");
        assertEquals(Optional.of(genuine), cache.get("it-hostile-planted", Article.class));
        cache.invalidate("it-hostile-planted");
    }

    private HttpResponse<String> send(String method, String path, String... headers) throws Exception {
        // inside the server: its own HTTP port (the standard one plus the offset of this server)
        int port = Integer.getInteger("jboss.http.port", 8080) + Integer.getInteger("jboss.socket.binding.port-offset", 0);
        URI uri = URI.create("http://127.0.0.1:" + port + "/hostile/" + path);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).method(method, HttpRequest.BodyPublishers.noBody());
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
