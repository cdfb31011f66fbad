package org.clusterio.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;

import org.clusterio.api.BinaryFile;
import org.clusterio.api.BinaryFileCreateStruct;
import org.clusterio.api.BinaryFileNotFoundException;
import org.clusterio.api.IOBackendException;
import org.clusterio.io.fs.FilesystemBinarydataStore;
import org.clusterio.io.fs.PosixPermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A site's operation counters and its handlers' backend errors, on a real directory whose handler can be made to fail
 * as an unreachable store does.
 */
class SiteMetricsTest {

    private static final SiteLayout SITE = new SiteLayout("site", "var/site", "storage");

    @TempDir
    Path root;

    private volatile boolean storeDown;
    private BinarydataStore binarydataStore;
    private MetadataStore metadataStore;
    private SiteIOService site;

    @BeforeEach
    void createSite() {
        FilesystemBinarydataStore directory = new FilesystemBinarydataStore(root, "$var_dir$/$storage_dir$/", PosixPermissions.fromOctal("0640"),
                PosixPermissions.fromOctal("0750"), false);
        binarydataStore = ErrorCountingStores.of((BinarydataStore) layout -> failingWhenDown(directory.forSite(layout)));
        metadataStore = ErrorCountingStores.of(BinaryStoreMetadataHandler.STORE);
        BinarydataHandler binarydata = binarydataStore.forSite(SITE);
        site = new SiteIOService(SITE, UrlPrefix.of("var/site/storage"), metadataStore.forSite(SITE, binarydata), binarydata);
    }

    @Test
    void countsEachOperationAndItsTime() throws Exception {
        BinaryFile file = site.create(BinaryFileCreateStruct.of("images/a.txt", new ByteArrayInputStream("abc".getBytes())));
        site.load("images/a.txt");
        assertThrows(BinaryFileNotFoundException.class, () -> site.load("images/missing.txt"));
        assertTrue(site.exists("images/a.txt"));
        try (InputStream in = site.open(file)) {
            assertEquals("abc", new String(in.readAllBytes()));
        }
        site.delete(file);

        assertCounted(IOOperation.CREATE, 1, 0);
        assertCounted(IOOperation.LOAD, 2, 0); // a file not found is no error
        assertCounted(IOOperation.EXISTS, 1, 0);
        assertCounted(IOOperation.OPEN, 1, 0);
        assertCounted(IOOperation.DELETE, 1, 0);
        for (IOOperation operation : IOOperation.values()) {
            assertTrue(site.statistics().of(operation).nanoseconds() > 0, operation + " took time");
        }
        assertEquals(0, backendErrors(binarydataStore));
    }

    @Test
    void aFailingStoreCountsForTheOperationAndTheHandlers() {
        site.create(BinaryFileCreateStruct.of("images/a.txt", new ByteArrayInputStream("abc".getBytes())));
        storeDown = true;

        assertThrows(IOBackendException.class, () -> site.load("images/a.txt"));
        assertThrows(IOBackendException.class, () -> site.create(BinaryFileCreateStruct.of("images/b.txt", new ByteArrayInputStream("b".getBytes()))));

        assertCounted(IOOperation.LOAD, 1, 1);
        assertCounted(IOOperation.CREATE, 2, 1);
        // The binarydata handler failed each call once; the metadata handler reads it, so its calls failed too.
        assertEquals(2, backendErrors(binarydataStore));
        assertEquals(2, backendErrors(metadataStore));
    }

    private void assertCounted(IOOperation operation, long calls, long errors) {
        assertEquals(calls, site.statistics().of(operation).operations(), operation + " calls");
        assertEquals(errors, site.statistics().of(operation).errors(), operation + " errors");
    }

    private static long backendErrors(Object store) {
        return ((BackendErrors.Counted) store).backendErrors().count();
    }

    /** The handler, failing every call with the store's exception while {@link #storeDown}. */
    private BinarydataHandler failingWhenDown(BinarydataHandler handler) {
        return (BinarydataHandler) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {BinarydataHandler.class}, (proxy, method, args) -> {
            if (storeDown) {
                throw new IOBackendException("the store is down", null);
            }
            try {
                return method.invoke(handler, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        });
    }
}
