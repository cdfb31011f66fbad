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

import org.clusterio.api.PersistenceCache;
import org.clusterio.logging.ClusterIOLogger;

/**
 * The applications' view of a shared cache: Java-serialised values under keys and tags of their own namespace. A
 * value travels as a string of ISO-8859-1 characters, one per byte, so that every node and marshaller sees the same
 * bytes; classes are resolved with the caller's context class loader, the deployment's.
 *
 * <p>Any deployment and any node can put a value under any key, so a value is untrusted input when it is read: it is
 * read through the {@link AllowedValueClasses} of the cache, which refuses every class it does not allow before any
 * code of the class runs. A refused value is a miss, logged as a warning that names the class and the key: the
 * {@link PersistenceCache} contract already makes an unreadable value a miss, and throwing instead would let anyone who
 * plants a value under a key make every read of that key fail until it expires, where a miss lets
 * {@link #get(String, Class, Supplier, String...)} load and cache the genuine value over it.</p>
 */
public final class SerializingPersistenceCache implements SharedPersistenceCache {

    private static final String KEYS = "app:";
    private static final String TAGS = "app:";

    private final SharedCache shared;
    private final AllowedValueClasses allowed;

    public SerializingPersistenceCache(SharedCache shared, AllowedValueClasses allowed) {
        this.shared = shared;
        this.allowed = allowed;
    }

    @Override
    public SharedCache shared() {
        return shared;
    }

    @Override
    public String name() {
        return shared.name();
    }

    @Override
    public List<String> members() {
        return shared.members();
    }

    @Override
    public <T extends Serializable> Optional<T> get(String key, Class<T> type) {
        return shared.get(KEYS + checked(key)).map(payload -> read(key, payload, type)); // map drops an unreadable value
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
        T value = read(key, payload, type);
        if (value == null) { // cached by an older version of the class, or refused: replace it
            shared.invalidate(List.of(cacheKey));
            payload = shared.get(cacheKey, tags(tags), load);
            value = payload == null ? null : read(key, payload, type);
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
            throw ClusterIOLogger.CACHE_LOGGER.emptyCacheKey();
        }
        return key;
    }

    private static List<String> tags(String... tags) {
        return Arrays.stream(tags).map(tag -> TAGS + checked(tag)).distinct().toList();
    }

    private String write(Serializable value) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        } catch (IOException e) {
            throw ClusterIOLogger.CACHE_LOGGER.valueNotSerializable(value.getClass().getName(), e.toString(), e);
        }
        if (bytes.size() > AllowedValueClasses.MAX_VALUE_BYTES) { // no node would read it back
            throw ClusterIOLogger.CACHE_LOGGER.cacheValueTooLarge(name(), value.getClass().getName(), bytes.size(), AllowedValueClasses.MAX_VALUE_BYTES);
        }
        return bytes.toString(StandardCharsets.ISO_8859_1);
    }

    /**
     * @return the value, or null if it can no longer be read (its class is gone or changed incompatibly) or the cache's
     *         allowed classes refuse it
     */
    private <T> T read(String key, String payload, Class<T> type) {
        if (payload.length() > AllowedValueClasses.MAX_VALUE_BYTES) {
            ClusterIOLogger.CACHE_LOGGER.cacheValueRefused(name(), key, payload.length() + " bytes, more than " + AllowedValueClasses.MAX_VALUE_BYTES, allowed.toString());
            return null;
        }
        ValueClassFilter filter = allowed.forReading(type, payload.length());
        Object value;
        try (ObjectInputStream in = new DeploymentObjectInputStream(new ByteArrayInputStream(payload.getBytes(StandardCharsets.ISO_8859_1)))) {
            in.setObjectInputFilter(filter);
            value = in.readObject();
        } catch (IOException | ClassNotFoundException e) {
            if (filter.refused() != null) {
                ClusterIOLogger.CACHE_LOGGER.cacheValueRefused(name(), key, filter.refused(), allowed.toString());
            }
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
