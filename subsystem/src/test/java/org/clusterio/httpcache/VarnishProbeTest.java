package org.clusterio.httpcache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.clusterio.testing.VarnishBackends;
import org.clusterio.testing.VarnishProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The shipped VCL's director and readiness probe: a node that is not ready, or dead, leaves the round robin within the
 * probe's window without a client seeing an error, and comes back.
 */
class VarnishProbeTest {

    /** Not marked cacheable: every request reaches a node. */
    private static final String PAGE = "/app/where";
    private static final Duration PROBE_WINDOW = Duration.ofSeconds(4);

    private final Origin origin = new Origin();
    private Node node1;
    private Node node2;
    private VarnishProcess varnish;

    @BeforeEach
    void start() throws Exception {
        origin.put(PAGE, new Origin.Resource(new byte[] {'.'}, null, null, null));
        node1 = Node.start("node1", origin);
        node2 = Node.start("node2", origin);
        varnish = VarnishProcess.start(VarnishVclTest.work("probe"), VarnishBackends.nodes(List.of(node1.port(), node2.port())));
        varnish.awaitHealth("node1", true, Duration.ofSeconds(10));
        varnish.awaitHealth("node2", true, Duration.ofSeconds(10));
    }

    @AfterEach
    void stop() throws Exception {
        varnish.close();
        node1.close();
        node2.close();
    }

    @Test
    void aNodeThatIsNotReadyLeavesTheDirectorAndComesBack() throws Exception {
        assertBalanced();

        node2.ready(false);
        assertTrue(whileProbing("node2", false).compareTo(PROBE_WINDOW) < 0);
        assertEquals(Map.of("node1", 10), servedBy(10));

        node2.ready(true);
        assertTrue(whileProbing("node2", true).compareTo(PROBE_WINDOW) < 0);
        assertBalanced();
    }

    @Test
    void aDeadNodeCostsNoClientAnErrorAndIsUsedAgainWhenBack() throws Exception {
        node2.kill();
        assertTrue(whileProbing("node2", false).compareTo(PROBE_WINDOW) < 0);
        assertTrue(varnish.counter("MAIN.backend_fail") > 0, "requests were sent to the dead node (and retried on the other)");
        assertEquals(Map.of("node1", 10), servedBy(10));

        node2.revive();
        assertTrue(whileProbing("node2", true).compareTo(PROBE_WINDOW) < 0);
        assertBalanced();
    }

    /** Requests go on until the probe holds the node healthy (or sick); every one of them is answered 200. */
    private Duration whileProbing(String node, boolean healthy) throws Exception {
        long start = System.nanoTime();
        long deadline = start + PROBE_WINDOW.toNanos() * 2;
        while (varnish.healthy(node) != healthy) {
            assertTrue(System.nanoTime() < deadline, node + " still " + (healthy ? "sick" : "healthy"));
            HttpResponse<String> response = VarnishVclTest.get(varnish, PAGE);
            assertEquals(200, response.statusCode(), "no client sees a node change");
            TimeUnit.MILLISECONDS.sleep(50);
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    private void assertBalanced() throws Exception {
        assertEquals(Map.of("node1", 5, "node2", 5), servedBy(10), "round robin");
    }

    private Map<String, Integer> servedBy(int requests) throws Exception {
        Map<String, Integer> served = new HashMap<>();
        for (int i = 0; i < requests; i++) {
            HttpResponse<String> response = VarnishVclTest.get(varnish, PAGE);
            assertEquals(200, response.statusCode());
            assertEquals("PASS", VarnishVclTest.cache(response));
            served.merge(response.headers().firstValue("X-Node").orElseThrow(), 1, Integer::sum);
        }
        return served;
    }
}
