package org.clusterio.test.support;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.jboss.as.controller.client.ModelControllerClient;
import org.jboss.dmr.ModelNode;
import org.wildfly.core.launcher.Launcher;
import org.wildfly.core.launcher.StandaloneCommandBuilder;

/**
 * A second node: the same provisioned installation with a base directory of its own (a copy of the first node's
 * configuration and deployments) and every port shifted by 100, on 127.0.0.1 only.
 */
public final class SecondServer implements AutoCloseable {

    public static final int PORT_OFFSET = 100;

    private final Process process;
    private final ModelControllerClient client;

    private SecondServer(Process process, ModelControllerClient client) {
        this.process = process;
        this.client = client;
    }

    public static SecondServer start(Path jbossHome, Path baseDirectory, List<String> javaOptions) throws Exception {
        // The same configuration and deployments as the first node: its content repository comes along.
        copyTree(jbossHome.resolve("standalone/configuration"), baseDirectory.resolve("configuration"));
        copyTree(jbossHome.resolve("standalone/data/content"), baseDirectory.resolve("data/content"));
        Files.createDirectories(baseDirectory.resolve("deployments"));
        return restart(jbossHome, baseDirectory, javaOptions);
    }

    /** Starts the node again on its base directory as it was left (after {@link #kill()}, say). */
    public static SecondServer restart(Path jbossHome, Path baseDirectory, List<String> javaOptions) throws Exception {
        StandaloneCommandBuilder command = StandaloneCommandBuilder.of(jbossHome)
                .setBaseDirectory(baseDirectory)
                .setServerConfiguration("standalone.xml")
                .addJavaOptions("-Xms64m", "-Xmx384m", "-Djava.net.preferIPv4Stack=true", "-Djboss.node.name=node2",
                        "-Djboss.socket.binding.port-offset=" + PORT_OFFSET, "-Djboss.bind.address=127.0.0.1", "-Djboss.bind.address.management=127.0.0.1")
                .addJavaOptions(javaOptions);
        Process process = Launcher.of(command).setRedirectErrorStream(true).redirectOutput(baseDirectory.resolve("console-" + System.nanoTime() + ".log")).launch();
        ModelControllerClient client = ModelControllerClient.Factory.create(InetAddress.getByName("127.0.0.1"), 9990 + PORT_OFFSET);
        SecondServer server = new SecondServer(process, client);
        server.awaitRunning();
        return server;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : paths.toList()) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    public ModelControllerClient client() {
        return client;
    }

    public String httpBase() {
        return "http://127.0.0.1:" + (8080 + PORT_OFFSET) + "/";
    }

    public void awaitRunning() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        ModelNode read = ManagementOperations.operation("read-attribute");
        read.get("name").set("server-state");
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The second server exited with " + process.exitValue());
            }
            try {
                if ("running".equals(client.execute(read).get("result").asString())) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            TimeUnit.MILLISECONDS.sleep(250);
        }
        throw new IllegalStateException("The second server did not start within 120 s");
    }

    /** Kills the node as a crash would: no shutdown, no goodbye to the cluster. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws Exception {
        if (!process.isAlive()) {
            client.close();
            return;
        }
        try {
            client.execute(ManagementOperations.operation("shutdown"));
        } catch (IOException e) {
            // it closes the connection as it goes down
        } finally {
            client.close();
        }
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
