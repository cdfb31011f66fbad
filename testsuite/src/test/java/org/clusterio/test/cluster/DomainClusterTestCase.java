package org.clusterio.test.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.clusterio.test.support.FilesServlet;
import org.clusterio.test.support.TextHttp;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The product's real shape: a managed domain (one host controller, two servers of the cluster-io server group on
 * 8080 and 8180) started by the clustered quick start, run-cluster.sh, which configures the domain with the scripts
 * in docs/cli/domain. Files stored on one server are served by the other, deletes reach both, a session goes on
 * from one server to the other, the command line tools run on a server through the domain controller, and with
 * server one stopped server two keeps serving.
 */
class DomainClusterTestCase {

    private static final URI ONE = URI.create("http://127.0.0.1:8080/");
    private static final URI TWO = URI.create("http://127.0.0.1:8180/");
    private static Path root;
    private static URI httpCache;

    @BeforeAll
    static void startTheDomain() throws Exception {
        root = Path.of(System.getProperty("project.root")).toRealPath();
        String output = run(List.of(root.resolve("run-cluster.sh").toString()));
        assertTrue(output.contains("server two: http://127.0.0.1:8180/"), output);
        // .ci/run installs Varnish: the quick start puts it in front and prints it as the URL to use.
        Matcher cacheUrl = Pattern.compile("http cache: (http://127\\.0\\.0\\.1:\\d+/)").matcher(output);
        assertTrue(cacheUrl.find(), output);
        httpCache = URI.create(cacheUrl.group(1));
        assertTrue(output.contains("Varnish is purged on every change"), output);
        Path war = Files.createTempDirectory("cluster-io-domain").resolve("shared.war");
        ShrinkWrap.create(WebArchive.class, "shared.war").addClass(FilesServlet.class).addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml")
                .as(ZipExporter.class).exportTo(war.toFile(), true);
        cli("deploy " + war + " --server-groups=cluster-io");
    }

    @AfterAll
    static void stopTheDomain() throws Exception {
        run(List.of(root.resolve("run-cluster.sh").toString(), "stop"));
    }

    @Test
    void twoServersOfTheGroupShareFilesAndSessions() throws Exception {
        // Members through this installation's secrets (run-cluster.sh generated them): the servers' stack has AUTH and
        // SYM_ENCRYPT, and both servers are in the view.
        String protocols = cli("/host=primary/server=server-one/subsystem=jgroups/stack=tcp:read-children-names(child-type=protocol)");
        assertTrue(protocols.contains("\"AUTH\"") && protocols.contains("\"SYM_ENCRYPT\""), protocols);
        String view = cli("/host=primary/server=server-one/subsystem=jgroups/channel=ee:read-attribute(name=view)");
        assertTrue(view.contains("(2)"), "both servers are members: " + view);
        URI fileOnOne = ONE.resolve("shared/files/images/domain/photo%201.jpg");
        URI fileOnTwo = TWO.resolve("shared/files/images/domain/photo%201.jpg");
        assertEquals(204, TextHttp.put(fileOnOne, "stored on server one"));
        assertEquals("stored on server one", TextHttp.get(fileOnTwo).body());
        // Served by the storage filter of the demo (ROOT.war) too, from the shared directory.
        assertEquals(200, TextHttp.get(TWO.resolve("var/site/storage/images/domain/photo%201.jpg")).statusCode());
        assertEquals(204, TextHttp.delete(fileOnTwo));
        assertEquals(404, TextHttp.get(fileOnOne).statusCode());

        var first = TextHttp.get(ONE.resolve("visits"));
        String cookie = first.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        assertTrue(first.body().startsWith("visits 1, served by primary:server-one"), first.body());
        assertTrue(visits(TWO, cookie).startsWith("visits 2, served by primary:server-two"));

        // Through Varnish: uploaded through it, then a miss and a hit; replaced on server two, the new bytes (a soft
        // purge may serve the old copy once while Varnish refetches); deleted on server one, gone.
        URI throughCache = httpCache.resolve("shared/files/images/domain/cached.txt");
        URI storedThroughCache = httpCache.resolve("var/site/storage/images/domain/cached.txt");
        assertEquals(204, TextHttp.put(throughCache, "uploaded through the cache"));
        var miss = TextHttp.get(storedThroughCache);
        assertEquals("uploaded through the cache", miss.body());
        assertEquals("MISS", miss.headers().firstValue("X-Cache").orElse(""));
        assertEquals("HIT", TextHttp.get(storedThroughCache).headers().firstValue("X-Cache").orElse(""));
        assertEquals(204, TextHttp.put(TWO.resolve("shared/files/images/domain/cached.txt"), "replaced on server two"));
        awaitThroughCache(storedThroughCache, 200, "replaced on server two");
        assertEquals(204, TextHttp.delete(ONE.resolve("shared/files/images/domain/cached.txt")));
        awaitThroughCache(storedThroughCache, 404, null);

        // The command line tools of the domain's installation, on a server through the domain controller.
        String handlers = run(List.of(root.resolve("domain/target/server/bin/cluster-io-migrate-files.sh").toString(), "--list-io-handlers",
                "--host=primary", "--server=server-one"));
        assertTrue(handlers.startsWith("Configured metadata handlers: "), handlers);
        Process check = new ProcessBuilder(root.resolve("domain/target/server/bin/cluster-io-integrity.sh").toString(), "check", "--host=primary",
                "--server=server-two").redirectErrorStream(true).redirectInput(new File("/dev/null")).start();
        String checked = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(check.waitFor() <= 1 && checked.contains("check-integrity of "), "a check ran on server two: " + checked);

        assertEquals(204, TextHttp.put(fileOnOne, "kept on server two"));
        cli("/host=primary/server-config=server-one:stop(blocking=true)");
        assertEquals("kept on server two", TextHttp.get(fileOnTwo).body());
        assertTrue(visits(TWO, cookie).startsWith("visits 3, served by primary:server-two"));
    }

    private static void awaitThroughCache(URI uri, int status, String body) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        var response = TextHttp.get(uri);
        while ((response.statusCode() != status || body != null && !body.equals(response.body())) && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(200);
            response = TextHttp.get(uri);
        }
        assertEquals(status, response.statusCode(), uri.toString());
        if (body != null) {
            assertEquals(body, response.body(), uri.toString());
        }
    }

    private static String visits(URI server, String cookie) throws Exception {
        return TextHttp.get(server.resolve("visits"), cookie).body();
    }

    private static String cli(String command) throws Exception {
        String output = run(List.of(root.resolve("domain/target/server/bin/jboss-cli.sh").toString(), "--connect", "--controller=127.0.0.1:9990", "--command=" + command));
        assertTrue(!output.contains("\"outcome\" => \"failed\""), output);
        return output;
    }

    private static String run(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true).redirectInput(new File("/dev/null")).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), output);
        return output;
    }
}
