package org.clusterio.test.support;

import static org.clusterio.test.support.ManagementOperations.operation;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

import org.jboss.as.controller.client.ModelControllerClient;
import org.jboss.dmr.ModelNode;

/** Reloads the server and waits until it runs again; management changes that need a reload take effect then. */
public final class ServerReload {

    private ServerReload() {
    }

    public static void reloadAndWait(ModelControllerClient client) throws IOException, InterruptedException {
        try {
            client.execute(operation("reload"));
        } catch (IOException e) {
            // The server may close the connection before it answers: it is reloading, as asked.
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        TimeUnit.MILLISECONDS.sleep(500);
        while (System.nanoTime() < deadline) {
            try {
                ModelNode state = client.execute(readServerState());
                if ("success".equals(state.get("outcome").asString()) && "running".equals(state.get("result").asString())) {
                    return;
                }
            } catch (IOException e) {
                // the management interface restarts during the reload
            }
            TimeUnit.MILLISECONDS.sleep(200);
        }
        throw new IllegalStateException("The server did not come back within 60 s after a reload");
    }

    /** @return whether the server waits for a reload to apply management changes */
    public static boolean reloadRequired(ModelControllerClient client) throws IOException {
        return "reload-required".equals(client.execute(readServerState()).get("result").asString());
    }

    private static ModelNode readServerState() {
        ModelNode read = operation("read-attribute");
        read.get("name").set("server-state");
        return read;
    }
}
