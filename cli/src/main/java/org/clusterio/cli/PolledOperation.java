package org.clusterio.cli;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import org.jboss.dmr.ModelNode;

/**
 * Runs a long operation and, while the server works on it, reads its progress attribute through the same connection
 * every {@code intervalMillis}: the operations answer only when they end, and report their progress in a runtime
 * attribute of the subsystem ({@code migration}, {@code integrity-check}).
 */
final class PolledOperation {

    private final ManagementConnection connection;
    private final long intervalMillis;

    PolledOperation(ManagementConnection connection, long intervalMillis) {
        this.connection = connection;
        this.intervalMillis = intervalMillis;
    }

    /**
     * @param progress called with the attribute's value after each read; a read that fails is skipped (the operation's
     *                 own response says what went wrong)
     * @return the operation's response
     */
    ModelNode run(ModelNode operation, String attribute, Consumer<ModelNode> progress) throws IOException, InterruptedException {
        CompletableFuture<ModelNode> response = connection.executeAsync(operation);
        ModelNode read = connection.readAttributeOperation(attribute);
        while (true) {
            try {
                return response.get(intervalMillis, TimeUnit.MILLISECONDS);
            } catch (TimeoutException stillRunning) {
                ModelNode status = connection.execute(read);
                if ("success".equals(status.get("outcome").asStringOrNull()) && status.get("result").isDefined()) {
                    progress.accept(status.get("result"));
                }
            } catch (ExecutionException e) {
                throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
            }
        }
    }
}
