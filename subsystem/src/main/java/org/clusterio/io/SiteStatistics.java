package org.clusterio.io;

import java.util.EnumMap;
import java.util.Map;
import java.util.function.Supplier;

import org.clusterio.api.IOBackendException;

/** What the operations of one site's IO service did since it started, per {@link IOOperation}: the site's metrics. */
public final class SiteStatistics {

    private final Map<IOOperation, OperationStatistics> operations = new EnumMap<>(IOOperation.class);

    public SiteStatistics() {
        for (IOOperation operation : IOOperation.values()) {
            operations.put(operation, new OperationStatistics());
        }
    }

    public OperationStatistics of(IOOperation operation) {
        return operations.get(operation);
    }

    /** Runs one call, counting it, its time, and whether the storage failed it. */
    <T> T timed(IOOperation operation, Supplier<T> call) {
        long start = System.nanoTime();
        boolean failed = false;
        try {
            return call.get();
        } catch (IOBackendException e) {
            failed = true;
            throw e;
        } finally {
            operations.get(operation).record(start, failed);
        }
    }

    void timed(IOOperation operation, Runnable call) {
        timed(operation, () -> {
            call.run();
            return null;
        });
    }
}
