package org.clusterio.io;

import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

import org.clusterio.api.IOBackendException;

/**
 * The failures of one handler resource's storage ({@link IOBackendException}: a database, a bucket or a directory
 * that could not be reached or refused), counted over every site, migration and check that used it since it started:
 * the handler's metric. A failure while a lazily read listing or an opened file is read later is not counted.
 */
public final class BackendErrors {

    /** The running value of a handler resource that counts its storage's failures. */
    public interface Counted {
        BackendErrors backendErrors();
    }

    private final LongAdder count = new LongAdder();

    public long count() {
        return count.sum();
    }

    /** Runs one call of a handler, counting the storage failure it throws. */
    <T> T counted(Supplier<T> call) {
        try {
            return call.get();
        } catch (IOBackendException e) {
            count.increment();
            throw e;
        }
    }

    /** Counts the storage failures among the per-file failures of a batch call, which returns them instead of throwing. */
    <K> Map<K, RuntimeException> countedEach(Map<K, RuntimeException> failures) {
        failures.values().forEach(failure -> {
            if (failure instanceof IOBackendException) {
                count.increment();
            }
        });
        return failures;
    }

    void counted(Runnable call) {
        counted(() -> {
            call.run();
            return null;
        });
    }
}
