package org.clusterio.glow;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.wildfly.core.launcher.Launcher;
import org.wildfly.core.launcher.StandaloneCommandBuilder;

/**
 * A server Glow provisioned, started as it is, with the demo the plugin put in its deployments directory. Its ports are
 * shifted by 300 and bound to 127.0.0.1, clear of the testsuite's servers; it is up when the deployment scanner has
 * marked the demo deployed, which takes the IO service the demo injects.
 */
final class GlowServer implements AutoCloseable {

    private static final int PORT_OFFSET = 300;
    private static final String MULTICAST_ADDRESS = "230.0.0.30";

    private final Process process;

    private GlowServer(Process process) {
        this.process = process;
    }

    static GlowServer start(Path jbossHome) throws Exception {
        Path deployments = jbossHome.resolve("standalone/deployments");
        Files.deleteIfExists(deployments.resolve("ROOT.war.deployed"));
        Files.deleteIfExists(deployments.resolve("ROOT.war.failed"));
        StandaloneCommandBuilder command = StandaloneCommandBuilder.of(jbossHome)
                .addJavaOptions("-Xms64m", "-Xmx384m", "-Djava.net.preferIPv4Stack=true",
                        "-Djboss.socket.binding.port-offset=" + PORT_OFFSET, "-Djboss.bind.address=127.0.0.1",
                        "-Djboss.bind.address.management=127.0.0.1", "-Djboss.bind.address.private=127.0.0.1",
                        // the ha server's channel: a multicast group of its own, so that it joins no other cluster
                        "-Djboss.default.multicast.address=" + MULTICAST_ADDRESS);
        Process process = Launcher.of(command).setRedirectErrorStream(true)
                .redirectOutput(jbossHome.resolve("console-" + System.nanoTime() + ".log")).launch();
        GlowServer server = new GlowServer(process);
        try {
            server.awaitDeployed(deployments);
        } catch (Exception | AssertionError e) {
            server.close();
            throw e;
        }
        return server;
    }

    private void awaitDeployed(Path deployments) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (Files.exists(deployments.resolve("ROOT.war.deployed"))) {
                return;
            }
            if (Files.exists(deployments.resolve("ROOT.war.failed"))) {
                throw new AssertionError("The demo failed to deploy: " + Files.readString(deployments.resolve("ROOT.war.failed")));
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("The server exited with " + process.exitValue());
            }
            TimeUnit.MILLISECONDS.sleep(250);
        }
        throw new IllegalStateException("The demo was not deployed within 120 s");
    }

    URI httpBase() {
        return URI.create("http://127.0.0.1:" + (8080 + PORT_OFFSET) + "/");
    }

    @Override
    public void close() throws InterruptedException {
        // SIGTERM: the server's shutdown hook stops it cleanly
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }
}
