package org.clusterio.test.sessions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.clusterio.test.support.ClusterView;
import org.clusterio.test.support.CounterServlet;
import org.clusterio.test.support.DocumentedScriptSetup;
import org.clusterio.test.support.SecondServer;
import org.clusterio.test.support.TextHttp;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.api.ServerSetup;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two WildFly nodes (cluster-io-ha) share the HTTP sessions of web deployments that say nothing about it in their
 * web.xml: in the locking mode (sessions=default) any node serves a session and concurrent increments on both nodes
 * lose nothing, requests that reach no servlet let their session go, and a request of a session that the other node
 * holds past the cache's lock timeout is answered 503; in the sticky mode (docs/cli/sessions-sticky.cli) the cookie
 * routes to the node that served the session, and the other node takes it over when that node dies; a deployment can
 * keep its sessions local; an attribute that cannot be shared is refused, naming its class.
 */
@ExtendWith(ArquillianExtension.class)
@ServerSetup(SharedSessionsClusterTestCase.StickySessions.class)
@RunAsClient
class SharedSessionsClusterTestCase {

    public static class StickySessions extends DocumentedScriptSetup {
        public StickySessions() {
            super("sessions-sticky.cli");
        }
    }

    private static final int INCREMENTS_PER_NODE = 200;

    @ArquillianResource
    @OperateOnDeployment("locking") // with several deployments, resources belong to one of them
    private ManagementClient management;

    @ArquillianResource
    @OperateOnDeployment("locking")
    private URL locking;

    @ArquillianResource
    @OperateOnDeployment("sticky")
    private URL sticky;

    @ArquillianResource
    @OperateOnDeployment("local")
    private URL local;

    @Deployment(name = "locking", testable = false)
    static WebArchive lockingDeployment() {
        return ShrinkWrap.create(WebArchive.class, "locking.war").addClasses(CounterServlet.class, HangingServlet.class);
    }

    @Deployment(name = "sticky", testable = false)
    static WebArchive stickyDeployment() {
        return ShrinkWrap.create(WebArchive.class, "sticky.war").addClass(CounterServlet.class).setWebXML(contextParameter("sticky"));
    }

    @Deployment(name = "local", testable = false)
    static WebArchive localDeployment() {
        return ShrinkWrap.create(WebArchive.class, "local.war").addClass(CounterServlet.class).setWebXML(contextParameter("none"));
    }

    private static StringAsset contextParameter(String sessions) {
        return new StringAsset("<web-app xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" version=\"6.0\"><context-param>"
                + "<param-name>org.clusterio.sessions</param-name><param-value>" + sessions + "</param-value></context-param></web-app>");
    }

    @Test
    void twoNodesShareSessions() throws Exception {
        Path jbossHome = Path.of(System.getProperty("jboss.home"));
        try (SecondServer node2 = SecondServer.start(jbossHome, jbossHome.getParent().resolve("node2-sessions"), List.of())) {
            assertEquals("[node1, node2]", ClusterView.members(management.getControllerClient()));
            URI node1Base = URI.create("http://127.0.0.1:8080/");
            URI node2Base = URI.create(node2.httpBase());

            lockingModeLosesNoIncrement(locking.toURI().resolve("counter"), node2Base.resolve("locking/counter"));
            requestsThatReachNoServletLetTheirSessionGo(locking.toURI(), node2Base.resolve("locking/"));
            aSessionHeldOnTheOtherNodeIsAnswered503(locking.toURI(), node2Base.resolve("locking/"));
            unserializableAttributesAreRefused(locking.toURI().resolve("counter?unserializable=true"));
            localSessionsStayOnTheirNode(local.toURI().resolve("counter"), node2Base.resolve("local/counter"));
            stickySessionsFollowTheirRouteAndFailOver(sticky.toURI().resolve("counter"), node2Base.resolve("sticky/counter"), node2);
            assertEquals(node1Base.getPort(), sticky.getPort());
        }
    }

    private void lockingModeLosesNoIncrement(URI onNode1, URI onNode2) throws Exception {
        HttpResponse<String> first = get(onNode1, null);
        assertEquals("1 node1", first.body());
        String cookie = sessionCookie(first);
        assertFalse(cookie.contains("."), "no route in the locking mode: " + cookie);
        assertEquals("2 node2", get(onNode2, cookie).body(), "the other node serves the session");

        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Integer>> increments = new ArrayList<>();
            for (int i = 0; i < INCREMENTS_PER_NODE; i++) {
                increments.add(() -> count(get(onNode1, cookie)));
                increments.add(() -> count(get(onNode2, cookie)));
            }
            Set<Integer> seen = new TreeSet<>();
            for (Future<Integer> increment : clients.invokeAll(increments, 5, TimeUnit.MINUTES)) {
                assertTrue(seen.add(increment.get()), "two requests saw the same count: an update was lost");
            }
            assertEquals(IntStream.rangeClosed(3, 2 + 2 * INCREMENTS_PER_NODE).boxed().collect(Collectors.toSet()), seen);
        } finally {
            clients.shutdownNow();
        }
        assertEquals((3 + 2 * INCREMENTS_PER_NODE) + " node2", get(onNode2, cookie).body());
    }

    /**
     * The locking mode opens a request's session before the servlet machinery runs; a request that never reaches a
     * servlet (a forbidden path, the redirect of the context root) must still let it go, or the session's lock in
     * the cluster would stay taken and the other node would wait for it until its lock timeout.
     */
    private void requestsThatReachNoServletLetTheirSessionGo(URI onNode1, URI onNode2) throws Exception {
        HttpResponse<String> first = get(onNode1.resolve("counter"), null);
        assertEquals("1 node1", first.body());
        String cookie = sessionCookie(first);
        assertEquals(404, get(onNode1.resolve("WEB-INF/web.xml"), cookie).statusCode());
        String root = onNode1.toString();
        HttpResponse<String> redirected = get(URI.create(root.substring(0, root.length() - 1)), cookie);
        assertEquals(302, redirected.statusCode(), "the context root without its slash: " + redirected.body());
        assertEquals("2 node2", get(onNode2.resolve("counter"), cookie).body(), "the other node has the session at once");
        assertEquals("3 node1", get(onNode1.resolve("counter"), cookie).body());
    }

    /**
     * While a request holds its session on one node, a request of the session on the other node waits for the
     * session's lock in the cluster; past the cache's lock timeout (15 s) it is answered 503 with Retry-After, never
     * run without the lock, and the session is unharmed.
     */
    private void aSessionHeldOnTheOtherNodeIsAnswered503(URI onNode1, URI onNode2) throws Exception {
        HttpResponse<String> first = get(onNode1.resolve("counter"), null);
        assertEquals("1 node1", first.body());
        String cookie = sessionCookie(first);
        CompletableFuture<HttpResponse<String>> holding = CompletableFuture.supplyAsync(() -> {
            try {
                return get(onNode1.resolve("hang?name=holding&session=true"), cookie);
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        });
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!"true".equals(get(onNode1.resolve("hang?entered=holding"), null).body())) {
                assertFalse(holding.isDone(), "the holding request ended instead of hanging");
                assertTrue(System.nanoTime() < deadline, "the holding request never started hanging");
                TimeUnit.MILLISECONDS.sleep(50);
            }
            HttpResponse<String> waited = get(onNode2.resolve("counter"), cookie);
            assertEquals(503, waited.statusCode(), waited.body());
            assertEquals("1", waited.headers().firstValue("Retry-After").orElse(null));
        } finally {
            get(onNode1.resolve("hang?release=holding"), null);
        }
        assertEquals("2", holding.get(30, TimeUnit.SECONDS).body());
        assertEquals("3 node2", get(onNode2.resolve("counter"), cookie).body(), "the answered 503 changed nothing");
    }

    private void unserializableAttributesAreRefused(URI uri) throws Exception {
        HttpResponse<String> refused = get(uri, null);
        assertEquals(500, refused.statusCode());
        assertTrue(refused.body().contains("NotSerializableException") && refused.body().contains(CounterServlet.Unserializable.class.getName()), refused.body());
    }

    private void localSessionsStayOnTheirNode(URI onNode1, URI onNode2) throws Exception {
        HttpResponse<String> first = get(onNode1, null);
        assertEquals("1 node1", first.body());
        assertEquals("2 node1", get(onNode1, sessionCookie(first)).body());
        assertEquals("1 node2", get(onNode2, sessionCookie(first)).body(), "a deployment that opted out keeps its sessions on their node");
    }

    private void stickySessionsFollowTheirRouteAndFailOver(URI onNode1, URI onNode2, SecondServer node2) throws Exception {
        HttpResponse<String> first = get(onNode2, null);
        assertEquals("1 node2", first.body());
        String cookie = sessionCookie(first);
        assertTrue(cookie.endsWith(".node2"), "the route names the node that owns the session: " + cookie);
        assertEquals("2 node2", get(onNode2, cookie).body());
        // A session's changes are stored just after its response is sent: wait until the other node has them.
        awaitBody(URI.create(onNode1 + "?peek=true"), cookie, "2 node1");

        node2.kill();
        awaitView("[node1]");
        HttpResponse<String> failedOver = get(onNode1, cookie);
        assertEquals("3 node1", failedOver.body(), "the surviving node took the session over");
        assertTrue(sessionCookie(failedOver).endsWith(".node1"), "the route follows the session: " + sessionCookie(failedOver));
    }

    private void awaitBody(URI uri, String cookie, String expected) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!expected.equals(get(uri, cookie).body())) {
            assertTrue(System.nanoTime() < deadline, uri + " never answered " + expected);
            TimeUnit.MILLISECONDS.sleep(100);
        }
    }

    private void awaitView(String expected) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!expected.equals(ClusterView.members(management.getControllerClient()))) {
            assertTrue(System.nanoTime() < deadline, "the cluster view did not become " + expected);
            TimeUnit.MILLISECONDS.sleep(500);
        }
    }

    private static HttpResponse<String> get(URI uri, String sessionId) throws Exception {
        return TextHttp.get(uri, sessionId == null ? null : "JSESSIONID=" + sessionId);
    }

    private static int count(HttpResponse<String> response) {
        assertEquals(200, response.statusCode(), response.body());
        return Integer.parseInt(response.body().substring(0, response.body().indexOf(' ')));
    }

    private static String sessionCookie(HttpResponse<String> response) {
        return response.headers().allValues("Set-Cookie").stream().filter(header -> header.startsWith("JSESSIONID=")).findFirst()
                .map(header -> header.substring("JSESSIONID=".length(), header.indexOf(';') < 0 ? header.length() : header.indexOf(';')))
                .orElseThrow(() -> new AssertionError("no session cookie in " + response.headers().map()));
    }
}
