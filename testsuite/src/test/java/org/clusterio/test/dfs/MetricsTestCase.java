package org.clusterio.test.dfs;

import static org.clusterio.test.support.ManagementOperations.SUBSYSTEM;
import static org.clusterio.test.support.ManagementOperations.operation;
import static org.clusterio.test.support.ManagementOperations.success;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;

import org.clusterio.test.support.FilesServlet;
import org.clusterio.test.support.PrometheusMetrics;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.api.ServerSetup;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.dmr.ModelNode;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The metrics of docs/metrics.md as a scraper and an administrator read them: requests through the storage filter and
 * the IO API move the counters exported at http://127.0.0.1:9990/metrics by exactly what they did, the management
 * model's runtime attributes show the same, and a database cut off counts for the DFS handler, not the file system.
 * The server is the site of the documented DFS script, its database behind a {@link FaultyDatabaseProxy}.
 */
@ExtendWith(ArquillianExtension.class)
@ServerSetup(MetricsTestCase.Setup.class)
@RunAsClient
class MetricsTestCase {

    public static class Setup extends ProxiedDfsSetup {

        public Setup() {
            super(OutageDatabase.POSTGRESQL);
        }
    }

    private static final String FILTER = "{storage_filter=\"images\"}";
    private static final String SITE = "{site=\"site\"}";
    private static final String DFS = "{dfs_metadata_handler=\"dfs\"}";
    private static final String NFS = "{filesystem_binarydata_handler=\"nfs\"}";

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @ArquillianResource
    private URL node;

    @ArquillianResource
    private ManagementClient management;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ShrinkWrap.create(WebArchive.class, "metrics.war").addClass(FilesServlet.class).addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml");
    }

    @AfterEach
    void databaseBack() {
        ProxiedDfsSetup.proxy().pass();
    }

    @Test
    void servedResponsesAndIoOperationsMoveTheExportedCountersByWhatTheyDid() throws Exception {
        storageAnswers();
        String id = unique("served");
        byte[] content = "twelve bytes".getBytes(StandardCharsets.UTF_8);
        PrometheusMetrics before = PrometheusMetrics.scrape();
        Map<String, ModelNode> modelBefore = runtimeModel();

        assertEquals(204, send(HttpRequest.newBuilder(files(id)).PUT(HttpRequest.BodyPublishers.ofByteArray(content))).statusCode());
        HttpResponse<String> served = send(HttpRequest.newBuilder(served(id)));
        assertEquals(200, served.statusCode());
        assertEquals("twelve bytes", served.body());
        String etag = served.headers().firstValue("ETag").orElseThrow();
        HttpResponse<String> notModified = send(HttpRequest.newBuilder(served(id)).header("If-None-Match", etag));
        assertEquals(304, notModified.statusCode());
        HttpResponse<String> neverStored = send(HttpRequest.newBuilder(served(unique("never-stored"))));
        assertEquals(404, neverStored.statusCode());
        assertEquals(204, send(HttpRequest.newBuilder(files(id)).DELETE()).statusCode());
        HttpResponse<String> deleted = send(HttpRequest.newBuilder(served(id)));
        assertEquals(404, deleted.statusCode());
        // The file, and the error page that Undertow writes for a 404 of a web deployment.
        long bodyBytes = Stream.of(served, notModified, neverStored, deleted).mapToLong(response -> response.body().getBytes(StandardCharsets.UTF_8).length).sum();
        assertTrue(bodyBytes >= content.length);

        // A response is counted when its exchange completes, which may be just after the client has read it.
        PrometheusMetrics after = scrapeWhen(metrics -> metrics.since(before, "wildfly_cluster_io_responses_4xx_total" + FILTER) >= 2);
        Map<String, Double> expected = Map.ofEntries(
                Map.entry("wildfly_cluster_io_responses_2xx_total" + FILTER, 1.0),
                Map.entry("wildfly_cluster_io_responses_3xx_total" + FILTER, 1.0),
                Map.entry("wildfly_cluster_io_responses_4xx_total" + FILTER, 2.0),
                Map.entry("wildfly_cluster_io_responses_5xx_total" + FILTER, 0.0),
                Map.entry("wildfly_cluster_io_bytes_sent_total_bytes" + FILTER, (double) bodyBytes),
                Map.entry("wildfly_cluster_io_create_operations_total" + SITE, 1.0),
                // the filter's four lookups, and the servlet's before its delete
                Map.entry("wildfly_cluster_io_load_operations_total" + SITE, 5.0),
                Map.entry("wildfly_cluster_io_open_operations_total" + SITE, 2.0),
                Map.entry("wildfly_cluster_io_delete_operations_total" + SITE, 1.0),
                Map.entry("wildfly_cluster_io_exists_operations_total" + SITE, 0.0),
                Map.entry("wildfly_cluster_io_create_errors_total" + SITE, 0.0),
                Map.entry("wildfly_cluster_io_load_errors_total" + SITE, 0.0),
                Map.entry("wildfly_cluster_io_delete_errors_total" + SITE, 0.0),
                Map.entry("wildfly_cluster_io_backend_errors_total" + DFS, 0.0),
                Map.entry("wildfly_cluster_io_backend_errors_total" + NFS, 0.0));
        expected.forEach((sample, delta) -> assertEquals(delta, after.since(before, sample), sample));
        for (String operation : new String[] {"create", "load", "open", "delete"}) {
            assertTrue(after.since(before, "wildfly_cluster_io_" + operation + "_time_total_seconds" + SITE) > 0, operation + " took some time");
        }
        assertTheModelMovedAlike(modelBefore, expected);
    }

    @Test
    void aDatabaseCutOffCountsForTheDfsHandlerAndTheSiteNotForTheFileSystem() throws Exception {
        storageAnswers();
        PrometheusMetrics before = PrometheusMetrics.scrape();
        Map<String, ModelNode> modelBefore = runtimeModel();

        ProxiedDfsSetup.proxy().cut();
        assertEquals(503, send(HttpRequest.newBuilder(served(unique("looked-up-while-cut")))).statusCode());
        ProxiedDfsSetup.proxy().pass();

        PrometheusMetrics after = scrapeWhen(metrics -> metrics.since(before, "wildfly_cluster_io_responses_5xx_total" + FILTER) >= 1);
        Map<String, Double> expected = Map.of(
                "wildfly_cluster_io_responses_5xx_total" + FILTER, 1.0,
                "wildfly_cluster_io_responses_2xx_total" + FILTER, 0.0,
                "wildfly_cluster_io_load_operations_total" + SITE, 1.0,
                "wildfly_cluster_io_load_errors_total" + SITE, 1.0,
                "wildfly_cluster_io_open_operations_total" + SITE, 0.0,
                "wildfly_cluster_io_backend_errors_total" + DFS, 1.0,
                "wildfly_cluster_io_backend_errors_total" + NFS, 0.0);
        expected.forEach((sample, delta) -> assertEquals(delta, after.since(before, sample), sample));
        assertTheModelMovedAlike(modelBefore, expected);
    }

    /**
     * Waits until a file can be stored and read again: the pool's connections broken by an earlier cut are gone, so
     * that the counted requests meet a working database.
     */
    private void storageAnswers() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        String id = unique("warm-up");
        while (send(HttpRequest.newBuilder(files(id)).PUT(HttpRequest.BodyPublishers.ofString("x"))).statusCode() != 204
                || send(HttpRequest.newBuilder(served(id))).statusCode() != 200) {
            assertTrue(System.nanoTime() < deadline, "the storage does not answer");
            Thread.sleep(500);
        }
    }

    private static PrometheusMetrics scrapeWhen(Predicate<PrometheusMetrics> done) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        PrometheusMetrics metrics = PrometheusMetrics.scrape();
        while (!done.test(metrics) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            metrics = PrometheusMetrics.scrape();
        }
        return metrics;
    }

    /** The resources whose runtime attributes the exported samples are, read as docs/cli/metrics.cli reads them. */
    private Map<String, ModelNode> runtimeModel() throws IOException {
        return Map.of(FILTER, runtime("storage-filter", "images"), SITE, runtime("site", "site"), DFS, runtime("dfs-metadata-handler", "dfs"),
                NFS, runtime("filesystem-binarydata-handler", "nfs"));
    }

    private ModelNode runtime(String type, String name) throws IOException {
        ModelNode read = operation("read-resource", "subsystem", SUBSYSTEM, type, name);
        read.get("include-runtime").set(true);
        return success(management.getControllerClient(), read);
    }

    /** Each exported sample is its resource's attribute: {@code wildfly_cluster_io_load_errors_total{site="site"}} is load-errors of site=site. */
    private void assertTheModelMovedAlike(Map<String, ModelNode> before, Map<String, Double> expected) throws IOException {
        Map<String, ModelNode> after = runtimeModel();
        expected.forEach((sample, delta) -> {
            String labels = sample.substring(sample.indexOf('{'));
            String attribute = sample.substring("wildfly_cluster_io_".length(), sample.indexOf('{')).replaceFirst("_total(_bytes)?$", "").replace('_', '-');
            long moved = after.get(labels).get(attribute).asLong() - before.get(labels).get(attribute).asLong();
            assertEquals(delta.longValue(), moved, attribute + " of " + labels);
        });
    }

    private URI files(String id) throws Exception {
        return node.toURI().resolve("files/" + id);
    }

    private URI served(String id) throws Exception {
        return node.toURI().resolve("var/site/storage/" + id);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String unique(String name) {
        return "images/metrics/" + name + "-" + System.nanoTime() + ".txt";
    }
}
