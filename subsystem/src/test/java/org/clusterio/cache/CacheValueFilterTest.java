package org.clusterio.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.math.BigDecimal;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cached values are untrusted: a value planted by another deployment or node is read only if every class in it is
 * allowed, and a refused class never runs any code. Real (local) Infinispan, real serialised values, and a
 * "library" class loaded from a code source of its own, as a jar of WEB-INF/lib would be.
 */
class CacheValueFilterTest {

    /** The application's own types: one code source with the test (WEB-INF/classes). */
    record Article(String title, List<Section> sections) implements Serializable {
    }

    record Section(String heading, Map<String, Object> fields) implements Serializable {
    }

    /** Records in a system property that its readObject ran: what a gadget chain's first step would be. */
    public static final class RecordingGadget implements Serializable {

        private static final long serialVersionUID = 1L;

        private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
            in.defaultReadObject();
            System.setProperty(RAN, "yes");
        }
    }

    static final String RAN = "cluster-io.test.gadget.ran";

    @TempDir
    Path library;

    private LocalInfinispan infinispan;
    private ClassLoader deployment;
    private ClassLoader previousContextLoader;
    private final List<String> warnings = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                warnings.add(String.valueOf(record.getMessage()));
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void start() throws IOException {
        System.clearProperty(RAN);
        infinispan = new LocalInfinispan();
        deployment = deploymentWithLibrary();
        previousContextLoader = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(deployment); // the reader can load the gadget: only the filter stops it
        Logger.getLogger("org.clusterio").addHandler(capture);
    }

    @AfterEach
    void stop() {
        Logger.getLogger("org.clusterio").removeHandler(capture);
        Thread.currentThread().setContextClassLoader(previousContextLoader);
        infinispan.close();
        System.clearProperty(RAN);
    }

    @Test
    void aPlantedValueOfALibraryClassIsRefusedWithoutRunningIt() throws Exception {
        SerializingPersistenceCache cache = infinispan.start("apps", 1_000, -1);
        Serializable gadget = libraryGadget();
        cache.put("article-1", gadget);
        cache.put("list-1", new ArrayList<>(List.of("harmless", gadget)));

        assertEquals(Optional.empty(), cache.get("article-1", Article.class));
        assertEquals(Optional.empty(), cache.get("article-1", Serializable.class));
        assertEquals(Optional.empty(), cache.get("list-1", ArrayList.class));
        assertNull(System.getProperty(RAN), "the refused class's readObject never ran");
        String warning = warnings.stream().filter(w -> w.contains("article-1")).findFirst().orElseThrow(() -> new AssertionError(warnings));
        assertTrue(warning.startsWith("CLUSTERIO0031") && warning.contains(RecordingGadget.class.getName()) && warning.contains("allowed-classes"), warning);
        assertTrue(warnings.stream().anyMatch(w -> w.contains("list-1") && w.contains(RecordingGadget.class.getName())), warnings.toString());
    }

    @Test
    void aLoaderReplacesARefusedValue() throws Exception {
        SerializingPersistenceCache cache = infinispan.start("apps", 1_000, -1);
        cache.put("article-1", libraryGadget());
        Article genuine = new Article("Home", List.of());
        Supplier<Article> loader = () -> genuine;
        assertEquals(genuine, cache.get("article-1", Article.class, loader));
        assertEquals(Optional.of(genuine), cache.get("article-1", Article.class), "the genuine value was cached over the planted one");
        assertNull(System.getProperty(RAN));
    }

    @Test
    void theApplicationsOwnTypesAndJdkValuesAreRead() {
        SerializingPersistenceCache cache = infinispan.start("apps", 1_000, -1);
        Map<String, Object> fields = new HashMap<>(Map.of("price", new BigDecimal("12.50"), "at", Instant.ofEpochSecond(1), "id", UUID.randomUUID(),
                "tags", List.of("a", "b"), "counts", new int[] { 1, 2 }, "names", new String[] { "x" }, "flag", Boolean.TRUE, "n", 42L));
        Article article = new Article("Home", List.of(new Section("intro", fields)));
        cache.put("article-1", article);
        Article read = cache.get("article-1", Article.class).orElseThrow(() -> new AssertionError(warnings.toString()));
        assertEquals("Home", read.title());
        assertEquals(fields.keySet(), read.sections().get(0).fields().keySet());
        assertArrayEquals(new int[] { 1, 2 }, (int[]) read.sections().get(0).fields().get("counts"));
        assertEquals(new BigDecimal("12.50"), read.sections().get(0).fields().get("price"));
        cache.put("map", new HashMap<>(Map.of("k", List.of(1, 2))));
        assertEquals(Map.of("k", List.of(1, 2)), cache.get("map", HashMap.class).orElseThrow());
        assertTrue(warnings.isEmpty(), warnings.toString());
    }

    @Test
    void theApplicationsOwnTypesInsideAJdkCollectionNeedAPattern() throws Exception {
        SerializingPersistenceCache strict = infinispan.start("strict", 1_000, -1);
        strict.put("articles", new ArrayList<>(List.of(new Article("a", List.of()))));
        assertEquals(Optional.empty(), strict.get("articles", ArrayList.class), "a JDK type says nothing about the classes inside it");

        SerializingPersistenceCache extended = infinispan.start("extended", 1_000, -1, AllowedValueClasses.of(List.of("org.clusterio.cache.CacheValueFilterTest$*")));
        extended.put("articles", new ArrayList<>(List.of(new Article("a", List.of()))));
        assertEquals(List.of(new Article("a", List.of())), extended.get("articles", ArrayList.class).orElseThrow());
        extended.put("gadget", libraryGadget());
        assertTrue(extended.get("gadget", Serializable.class).isPresent(), "the pattern names the library class too");
        assertEquals("yes", System.getProperty(RAN), "an allowed class is read normally");
    }

    @Test
    void patternsCanRefuseAndLowerTheLimits() {
        SerializingPersistenceCache cache = infinispan.start("apps", 1_000, -1,
                AllowedValueClasses.of(List.of("!org.clusterio.cache.CacheValueFilterTest$Section", "maxdepth=3")));
        cache.put("article", new Article("a", List.of(new Section("s", Map.of()))));
        assertEquals(Optional.empty(), cache.get("article", Article.class), "refused by name, though of the requested type's code source");
        assertTrue(warnings.stream().anyMatch(w -> w.contains(Section.class.getName())), warnings.toString());
        cache.put("deep", nested(5));
        assertEquals(Optional.empty(), cache.get("deep", ArrayList.class));
        cache.put("shallow", nested(1));
        assertEquals(nested(1), cache.get("shallow", ArrayList.class).orElseThrow());
    }

    @Test
    void valuesBeyondTheBuiltInLimitsAreRefused() throws IOException {
        SerializingPersistenceCache cache = infinispan.start("apps", 1_000, -1);
        cache.put("deep", nested((int) AllowedValueClasses.MAX_DEPTH + 10));
        assertEquals(Optional.empty(), cache.get("deep", ArrayList.class));
        assertTrue(warnings.stream().anyMatch(w -> w.contains("'deep'") && w.contains("nested more than 100 deep")), warnings.toString());

        // 258 ints claiming to be 2^31-1: refused before the array is allocated
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(new int[0x0102]);
        }
        byte[] payload = bytes.toByteArray();
        int length = indexOf(payload, new byte[] { 0, 0, 1, 2 });
        payload[length] = 0x7f;
        payload[length + 1] = (byte) 0xff;
        payload[length + 2] = (byte) 0xff;
        payload[length + 3] = (byte) 0xff;
        cache.shared().put("app:huge", new String(payload, StandardCharsets.ISO_8859_1), List.of());
        assertEquals(Optional.empty(), cache.get("huge", int[].class));
        assertTrue(warnings.stream().anyMatch(w -> w.contains("'huge'") && w.contains("an array of 2147483647 elements")), warnings.toString());
    }

    private static ArrayList<Object> nested(int depth) {
        ArrayList<Object> list = new ArrayList<>(List.of("leaf"));
        for (int i = 1; i < depth; i++) {
            list = new ArrayList<>(List.of(list));
        }
        return list;
    }

    private static int indexOf(byte[] bytes, byte[] wanted) {
        for (int i = 0; i + wanted.length <= bytes.length; i++) {
            if (java.util.Arrays.equals(bytes, i, i + wanted.length, wanted, 0, wanted.length)) {
                return i;
            }
        }
        throw new AssertionError("not found");
    }

    /** An instance of the gadget class as a library of the deployment defines it: same name, its own code source. */
    private Serializable libraryGadget() throws ReflectiveOperationException {
        Class<?> gadget = Class.forName(RecordingGadget.class.getName(), true, deployment);
        assertFalse(gadget == RecordingGadget.class, "the gadget must come from the library's code source");
        return (Serializable) gadget.getConstructor().newInstance();
    }

    /**
     * A deployment class loader: the application's classes (the test's) and a library jar directory holding the gadget
     * class, which it loads itself (child first), as a jar of WEB-INF/lib.
     */
    private ClassLoader deploymentWithLibrary() throws IOException {
        String resource = RecordingGadget.class.getName().replace('.', '/') + ".class";
        Path copy = library.resolve(resource);
        Files.createDirectories(copy.getParent());
        try (InputStream in = RecordingGadget.class.getClassLoader().getResourceAsStream(resource)) {
            Files.write(copy, in.readAllBytes());
        }
        return new URLClassLoader(new URL[] { library.toUri().toURL() }, CacheValueFilterTest.class.getClassLoader()) {
            @Override
            protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                if (name.equals(RecordingGadget.class.getName())) {
                    synchronized (getClassLoadingLock(name)) {
                        Class<?> loaded = findLoadedClass(name);
                        return loaded != null ? loaded : findClass(name);
                    }
                }
                return super.loadClass(name, resolve);
            }
        };
    }
}
