package org.clusterio.io.fs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.clusterio.api.BinaryFile;
import org.clusterio.api.BinaryFileCreateStruct;
import org.clusterio.api.BinaryFileNotFoundException;
import org.clusterio.api.IOBackendException;
import org.clusterio.api.IOService;
import org.clusterio.io.SiteLayout;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The IO service of a site on a filesystem store, against a real directory. */
class FilesystemSiteIOServiceTest {

    private static final SiteLayout SITE = new SiteLayout("site", "var/site", "storage");

    @TempDir
    Path root;

    private IOService io;

    @BeforeEach
    void createService() {
        io = serviceFor(SITE, true);
    }

    private IOService serviceFor(SiteLayout site, boolean fsync) {
        return FilesystemSites.site(root, site, "$var_dir$/$storage_dir$", fsync);
    }

    @Test
    void storesUnderTheSiteDirectoryAndReadsBack() throws IOException {
        byte[] content = randomBytes(100_000);
        BinaryFile created = io.create(BinaryFileCreateStruct.of("images/1/2/photo.jpg", new ByteArrayInputStream(content)).withSize(content.length));

        assertEquals("images/1/2/photo.jpg", created.id());
        assertEquals(content.length, created.size());
        assertEquals("image/jpeg", created.mimeType());
        assertEquals("/var/site/storage/images/1/2/photo.jpg", created.uri());
        assertArrayEquals(content, Files.readAllBytes(root.resolve("var/site/storage/images/1/2/photo.jpg")));

        BinaryFile loaded = io.load("images/1/2/photo.jpg");
        assertEquals(created, loaded);
        try (InputStream in = io.open(loaded)) {
            assertArrayEquals(content, in.readAllBytes());
        }
        assertTrue(io.exists("images/1/2/photo.jpg"));
    }

    @Test
    void appliesTheConfiguredPermissions() throws IOException {
        io.create(BinaryFileCreateStruct.of("original/a/b.pdf", new ByteArrayInputStream(new byte[] { 1 })));
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(root.resolve("var/site/storage/original/a/b.pdf"))));
        assertEquals("rwxr-x---", PosixFilePermissions.toString(Files.getPosixFilePermissions(root.resolve("var/site/storage/original/a"))));
    }

    @Test
    void missingFilesAreReportedAsMissing() {
        assertFalse(io.exists("images/none.png"));
        assertTrue(io.find("images/none.png").isEmpty());
        BinaryFileNotFoundException missing = assertThrows(BinaryFileNotFoundException.class, () -> io.load("images/none.png"));
        assertEquals("images/none.png", missing.getId());
    }

    @Test
    void deleteRemovesTheFileAndToleratesRepeats() {
        BinaryFile file = io.create(BinaryFileCreateStruct.of("images/x.gif", new ByteArrayInputStream(new byte[10])));
        io.delete(file);
        assertFalse(io.exists("images/x.gif"));
        io.delete(file);
        assertThrows(BinaryFileNotFoundException.class, () -> io.open(file));
    }

    @Test
    void aStreamShorterThanDeclaredStoresNothing() throws IOException {
        IOBackendException failure = assertThrows(IOBackendException.class,
                () -> io.create(BinaryFileCreateStruct.of("images/short.png", new ByteArrayInputStream(new byte[5])).withSize(6)));
        assertTrue(failure.getMessage().startsWith("CLUSTERIO0171: Could not store 'images/short.png'") && failure.getMessage().contains("5 bytes where 6 were declared"),
                failure.getMessage());
        assertFalse(io.exists("images/short.png"));
        assertNoTemporaryFilesLeft();
    }

    @Test
    void aFailingStreamLeavesThePreviousVersionIntact() throws IOException {
        io.create(BinaryFileCreateStruct.of("images/keep.png", new ByteArrayInputStream(new byte[] { 1, 2, 3 })));
        InputStream failing = new InputStream() {
            private int served;

            @Override
            public int read() throws IOException {
                if (served++ > 70_000) {
                    throw new IOException("client went away");
                }
                return 7;
            }
        };
        assertThrows(IOBackendException.class, () -> io.create(BinaryFileCreateStruct.of("images/keep.png", failing)));
        try (InputStream in = io.open(io.load("images/keep.png"))) {
            assertArrayEquals(new byte[] { 1, 2, 3 }, in.readAllBytes());
        }
        assertNoTemporaryFilesLeft();
    }

    @Test
    void twoSitesSharingAStoreKeepSeparateDirectories() throws IOException {
        IOService admin = serviceFor(new SiteLayout("admin", "var/admin", "storage"), false);
        io.create(BinaryFileCreateStruct.of("images/same.txt", new ByteArrayInputStream("site".getBytes())));
        admin.create(BinaryFileCreateStruct.of("images/same.txt", new ByteArrayInputStream("admin".getBytes())));
        assertEquals("site", Files.readString(root.resolve("var/site/storage/images/same.txt")));
        assertEquals("admin", Files.readString(root.resolve("var/admin/storage/images/same.txt")));
    }

    @Test
    void concurrentWritersOfOneIdLeaveOneCompleteVersionAndReadersNeverSeeAPartialOne() throws Exception {
        int writers = 4;
        int size = 256 * 1024;
        List<byte[]> versions = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            byte[] version = new byte[size];
            java.util.Arrays.fill(version, (byte) i);
            versions.add(version);
        }
        io.create(BinaryFileCreateStruct.of("images/race.bin", new ByteArrayInputStream(versions.get(0))));
        ExecutorService pool = Executors.newFixedThreadPool(writers + 1);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<?>> tasks = new ArrayList<>();
            for (byte[] version : versions) {
                tasks.add(pool.submit(() -> {
                    start.await();
                    for (int round = 0; round < 20; round++) {
                        io.create(BinaryFileCreateStruct.of("images/race.bin", new ByteArrayInputStream(version)).withSize(version.length));
                    }
                    return null;
                }));
            }
            Future<Integer> reader = pool.submit(() -> {
                start.await();
                int reads = 0;
                while (tasks.stream().anyMatch(task -> !task.isDone())) {
                    try (InputStream in = io.open(io.load("images/race.bin"))) {
                        assertUniform(in.readAllBytes(), size);
                        reads++;
                    }
                }
                return reads;
            });
            start.countDown();
            for (Future<?> task : tasks) {
                task.get(60, TimeUnit.SECONDS);
            }
            assertTrue(reader.get(60, TimeUnit.SECONDS) > 0);
        } finally {
            pool.shutdownNow();
        }
        try (InputStream in = io.open(io.load("images/race.bin"))) {
            assertUniform(in.readAllBytes(), size);
        }
        assertNoTemporaryFilesLeft();
    }

    private static void assertUniform(byte[] content, int size) {
        assertEquals(size, content.length, "a reader saw a partial file");
        for (byte b : content) {
            assertEquals(content[0], b, "a reader saw a mix of two versions");
        }
    }

    private void assertNoTemporaryFilesLeft() throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            assertEquals(List.of(), files.filter(p -> p.getFileName().toString().startsWith(FilesystemBinarydataHandler.TEMPORARY_PREFIX)).toList());
        }
    }

    private static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        new Random(42).nextBytes(bytes);
        return bytes;
    }
}
