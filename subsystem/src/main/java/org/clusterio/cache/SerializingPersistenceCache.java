package org.clusterio.cache;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

import org.clusterio.api.ClusterIOException;
import org.clusterio.api.PersistenceCache;

/**
 * The applications' view of a shared cache: Java-serialised values under keys and tags of their own namespace. A
 * value travels as a string of ISO-8859-1 characters, one per byte, so that every node and marshaller sees the same
 * bytes; classes are resolved with the caller's context class loader, the deployment's.
 */
public final class SerializingPersistenceCache implements PersistenceCache {

    private static final String KEYS = "app:";
    private static final String TAGS = "app:";

    private final SharedCache shared;

    public SerializingPersistenceCache(SharedCache shared) {
        this.shared = shared;
    }

    public SharedCache shared() {
        return shared;
    }

    @Override
    public String name() {
        return shared.name();
    }

    @Override
    public <T extends Serializable> Optional<T> get(String key, Class<T> type) {
        return shared.get(KEYS + checked(key)).map(payload -> read(payload, type)); // map drops an unreadable value
    }

    @Override
    public <T extends Serializable> T get(String key, Class<T> type, Supplier<? extends T> loader, String... tags) {
        Objects.requireNonNull(loader, "loader");
        String cacheKey = KEYS + checked(key);
        Supplier<String> load = () -> {
            T value = loader.get();
            return value == null ? null : write(value);
        };
        String payload = shared.get(cacheKey, tags(tags), load);
        if (payload == null) {
            return null;
        }
        T value = read(payload, type);
        if (value == null) { // cached by an older version of the class: replace it
            shared.invalidate(List.of(cacheKey));
            payload = shared.get(cacheKey, tags(tags), load);
            value = payload == null ? null : read(payload, type);
        }
        return value;
    }

    @Override
    public void put(String key, Serializable value, String... tags) {
        Objects.requireNonNull(value, "value");
        shared.put(KEYS + checked(key), write(value), tags(tags));
    }

    @Override
    public void invalidate(String... keys) {
        shared.invalidate(Arrays.stream(keys).map(key -> KEYS + checked(key)).toList());
    }

    @Override
    public void invalidateTags(String... tags) {
        shared.invalidateTags(tags(tags));
    }

    @Override
    public void clear() {
        shared.clear();
    }

    private static String checked(String key) {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("A persistence cache key must not be null or empty");
        }
        return key;
    }

    private static List<String> tags(String... tags) {
        return Arrays.stream(tags).map(tag -> TAGS + checked(tag)).distinct().toList();
    }

    private static String write(Serializable value) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        } catch (IOException e) {
            throw new ClusterIOException("Cannot cache a " + value.getClass().getName() + ": it does not serialize (" + e + ")", e);
        }
        return bytes.toString(StandardCharsets.ISO_8859_1);
    }

    /** @return the value, or null if it can no longer be read (its class is gone or changed incompatibly) */
    private static <T> T read(String payload, Class<T> type) {
        Object value;
        try (ObjectInputStream in = new DeploymentObjectInputStream(new ByteArrayInputStream(payload.getBytes(StandardCharsets.ISO_8859_1)))) {
            value = in.readObject();
        } catch (IOException | ClassNotFoundException e) {
            return null;
        }
        return type.cast(value);
    }

    /** Resolves classes with the context class loader: the default would use this module's, which cannot see the deployment. */
    private static final class DeploymentObjectInputStream extends ObjectInputStream {

        DeploymentObjectInputStream(InputStream in) throws IOException {
            super(in);
        }

        @Override
        protected Class<?> resolveClass(ObjectStreamClass descriptor) throws IOException, ClassNotFoundException {
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            if (loader != null) {
                try {
                    return Class.forName(descriptor.getName(), false, loader);
                } catch (ClassNotFoundException e) {
                    // a JDK or API class: the default resolution finds it
                }
            }
            return super.resolveClass(descriptor);
        }
    }
}
