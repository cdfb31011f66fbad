package org.clusterio.subsystem;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The values of one kind of this server's running services, by resource name, for management operations and metrics
 * (services installed with the subsystem API hand out their values to captors only).
 */
final class RunningValues<V> {

    private final Map<String, V> values = new ConcurrentHashMap<>();

    /** @return the captor of one resource's service: its value while it runs, null when it stops */
    Consumer<V> captor(String name) {
        return value -> {
            if (value != null) {
                values.put(name, value);
            } else {
                values.remove(name);
            }
        };
    }

    Optional<V> get(String name) {
        return Optional.ofNullable(values.get(name));
    }
}
