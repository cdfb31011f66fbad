package org.clusterio.glow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.clusterio.testing.TestImages;
import org.clusterio.testing.UploadForm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What WildFly Glow chose for the demo WAR, which uses the IO service's API and nothing else of the server: the WildFly
 * Maven plugin ran its provisioning discovery in this module's build (see pom.xml) and provisioned a server with its
 * choice, once in the default profile and once in the ha profile.
 */
class GlowDiscoveryTestCase {

    private static final Pattern STORED_IMAGE = Pattern.compile("<img src='([^']*/storage/images/demo/[^']*-glow\\.png)'");

    @Test
    void theDefaultProfileChoosesTheClusterIoLayer() throws Exception {
        Path server = server("glow.server");
        ProvisionedLayers layers = ProvisionedLayers.of(server);
        assertTrue(layers.featurePacks().stream().anyMatch(location -> location.startsWith("org.clusterio:cluster-io-feature-pack:")), layers.toString());
        assertTrue(layers.included().contains("cluster-io"), layers.toString());
        assertFalse(layers.included().contains("cluster-io-ha"), layers.toString());
        String standaloneXml = standaloneXml(server);
        assertTrue(standaloneXml.contains("<subsystem xmlns=\"urn:clusterio:cluster-io:"), "the cluster-io subsystem is configured");
        assertFalse(standaloneXml.contains("<subsystem xmlns=\"urn:jboss:domain:jgroups:"), "a single server needs no JGroups");
    }

    @Test
    void theHaProfileChoosesTheClusterIoHaLayerInstead() throws Exception {
        Path server = server("glow.ha.server");
        ProvisionedLayers layers = ProvisionedLayers.of(server);
        assertTrue(layers.included().contains("cluster-io-ha"), layers.toString());
        // cluster-io comes along as cluster-io-ha's dependency, so Glow must not exclude it
        assertFalse(layers.excluded().contains("cluster-io"), layers.toString());
        String standaloneXml = standaloneXml(server);
        assertTrue(standaloneXml.contains("<subsystem xmlns=\"urn:clusterio:cluster-io:"), "the cluster-io subsystem is configured");
        assertTrue(standaloneXml.contains("<subsystem xmlns=\"urn:jboss:domain:jgroups:"), "the cluster's JGroups channel is configured");
    }

    @ParameterizedTest
    @ValueSource(strings = { "glow.server", "glow.ha.server" })
    void theServerGlowProvisionedStoresAndServesAnUploadThroughTheDemo(String server) throws Exception {
        try (GlowServer running = GlowServer.start(server(server))) {
            byte[] image = TestImages.image("png", 64, 48, Color.BLUE);
            HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).cookieHandler(new CookieManager()).build();
            String gallery = http.send(HttpRequest.newBuilder(running.httpBase()).build(), HttpResponse.BodyHandlers.ofString()).body();
            String token = UploadForm.token(gallery).orElseThrow(() -> new AssertionError("no upload form in " + gallery));
            HttpResponse<String> posted = http.send(HttpRequest.newBuilder(running.httpBase())
                    .header("Content-Type", UploadForm.CONTENT_TYPE)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(UploadForm.body("glow.png", image, token))).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(303, posted.statusCode(), posted.body());

            URI page = running.httpBase().resolve(posted.headers().firstValue("Location").orElseThrow());
            Matcher shown = STORED_IMAGE.matcher(http.send(HttpRequest.newBuilder(page).build(), HttpResponse.BodyHandlers.ofString()).body());
            assertTrue(shown.find(), "the gallery shows the upload through the storage filter");
            HttpResponse<byte[]> fetched = http.send(HttpRequest.newBuilder(running.httpBase().resolve(shown.group(1))).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, fetched.statusCode());
            assertArrayEquals(image, fetched.body());
        }
    }

    private static Path server(String property) {
        return Path.of(System.getProperty(property));
    }

    private static String standaloneXml(Path server) throws Exception {
        return Files.readString(server.resolve("standalone/configuration/standalone.xml"));
    }
}
