package org.clusterio.test.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * One scrape of WildFly's metrics endpoint ({@code http://127.0.0.1:9990/metrics}, the metrics subsystem's Prometheus
 * text), as a scraper sees it: samples by their name and labels, such as
 * {@code wildfly_cluster_io_responses_2xx_total{storage_filter="images"}}.
 */
public final class PrometheusMetrics {

    public static final URI ENDPOINT = URI.create("http://127.0.0.1:9990/metrics");

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Map<String, Double> samples;

    private PrometheusMetrics(Map<String, Double> samples) {
        this.samples = samples;
    }

    public static PrometheusMetrics scrape() throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(ENDPOINT).timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), "the metrics subsystem's endpoint answers without credentials (security-enabled=false)");
        Map<String, Double> samples = new HashMap<>();
        for (String line : response.body().split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                int space = line.lastIndexOf(' ');
                samples.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
            }
        }
        return new PrometheusMetrics(samples);
    }

    /** @param sample a name with its labels, as exported */
    public boolean has(String sample) {
        return samples.containsKey(sample);
    }

    /** @param sample a name with its labels, as exported; it must be there */
    public double value(String sample) {
        Double value = samples.get(sample);
        if (value == null) {
            throw new AssertionError(sample + " is not exported; the cluster-io samples are " + samples.keySet().stream()
                    .filter(name -> name.startsWith("wildfly_cluster_io_")).sorted().toList());
        }
        return value;
    }

    /** @return how much the sample grew since the earlier scrape */
    public double since(PrometheusMetrics earlier, String sample) {
        return value(sample) - earlier.value(sample);
    }
}
