package org.clusterio.io.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.clusterio.io.SiteLayout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Temporary files of interrupted writes are removed when old, and nothing else is. */
class TemporaryFileSweepTest {

    private static final String PREFIX = FilesystemBinarydataHandler.TEMPORARY_PREFIX;
    private static final Duration HOUR = Duration.ofHours(1);

    @TempDir
    Path sandbox;

    private static Path agedFile(Path file, Duration age) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, "partial content");
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(age)));
        return file;
    }

    private static List<Path> temporaryFiles(Path directory) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(path -> path.getFileName().toString().startsWith(PREFIX)).toList();
        }
    }

    /** A real writer process killed with SIGKILL in the middle of a file, as a node is by the OOM killer or kill -9. */
    @Test
    void theTemporaryFileOfAWriterKilledMidFileIsRemovedAndAFreshOneIsKept() throws Exception {
        Path root = Files.createDirectories(sandbox.resolve("root"));
        Process writer = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", System.getProperty("java.class.path"),
                InterruptedWriter.class.getName(), root.toString()).redirectErrorStream(true).redirectOutput(sandbox.resolve("writer.log").toFile()).start();
        Path images = root.resolve("var/site/storage/images");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        List<Path> partial = List.of();
        while (System.nanoTime() < deadline && (partial.isEmpty() || Files.size(partial.get(0)) < 10_000)) {
            assertTrue(writer.isAlive(), () -> "the writer runs: " + log());
            TimeUnit.MILLISECONDS.sleep(50);
            partial = Files.isDirectory(images) ? temporaryFiles(images) : List.of();
        }
        writer.destroyForcibly(); // SIGKILL: no finally block, no shutdown hook runs
        assertTrue(writer.waitFor(30, TimeUnit.SECONDS));
        assertEquals(137, writer.exitValue(), "killed by SIGKILL");
        assertEquals(1, partial.size(), "the killed writer left its temporary file: " + partial);
        Path leftover = partial.get(0);
        assertTrue(Files.exists(leftover) && Files.size(leftover) >= 10_000, "a partial file stays behind");
        assertFalse(Files.exists(images.resolve("big.bin")), "and no stored file: the rename never happened");

        TimeUnit.MILLISECONDS.sleep(1500); // the leftover is now older than the maximum age of this test
        Path fresh = Files.writeString(images.resolve(PREFIX + "987654321.tmp"), "a write of another node, in progress");
        FilesystemBinarydataStore store = new FilesystemBinarydataStore(root, "$var_dir$/$storage_dir$/", PosixPermissions.fromOctal("0644"),
                PosixPermissions.fromOctal("0755"), false);
        try (store) {
            store.startSweeping("test", Duration.ofSeconds(1)); // sweeps at start, on its own thread
            deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (Files.exists(leftover) && System.nanoTime() < deadline) {
                TimeUnit.MILLISECONDS.sleep(20);
            }
            assertFalse(Files.exists(leftover), "the sweep at start removed the leftover");
            assertTrue(Files.exists(fresh), "a fresh temporary file is a live write: kept");
            assertTrue(sweepThreads().stream().allMatch(Thread::isDaemon), "the sweep never holds up the JVM");
        }
        assertTrue(sweepThreads().isEmpty(), "closing the store (its service stops) stops the sweep: " + sweepThreads());
    }

    private String log() {
        try {
            return Files.readString(sandbox.resolve("writer.log"));
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static List<Thread> sweepThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(thread -> thread.getName().startsWith("cluster-io temporary file sweep of test")).toList();
    }

    @Test
    void onlyOldTemporaryFilesAreRemovedAndLinksAreNeitherFollowedNorRemoved() throws IOException {
        Path root = Files.createDirectories(sandbox.resolve("root"));
        Path storage = root.resolve("var/site/storage");
        Path old = agedFile(storage.resolve("images/a/" + PREFIX + "123.tmp"), Duration.ofHours(2));
        Path young = agedFile(storage.resolve("images/a/" + PREFIX + "456.tmp"), Duration.ofMinutes(10));
        Path stored = agedFile(storage.resolve("images/a/photo.jpg"), Duration.ofDays(400));
        Path storedLookAlike = agedFile(storage.resolve("images/a/x" + PREFIX + "1.tmp"), Duration.ofDays(400));
        Path outside = Files.createDirectories(sandbox.resolve("outside"));
        Path outsideOld = agedFile(outside.resolve(PREFIX + "789.tmp"), Duration.ofHours(2));
        Files.createSymbolicLink(storage.resolve("images/elsewhere"), outside);
        Path linkWithPrefix = Files.createSymbolicLink(storage.resolve("images/" + PREFIX + "link.tmp"), outsideOld);

        assertEquals(1, TemporaryFileSweep.sweep("test", root, HOUR));

        assertFalse(Files.exists(old));
        assertTrue(Files.exists(young), "younger than the maximum age: a write that may still be running");
        assertTrue(Files.exists(stored) && Files.exists(storedLookAlike), "stored files are never touched");
        assertTrue(Files.exists(outsideOld), "a directory link is not followed");
        assertTrue(Files.isSymbolicLink(linkWithPrefix), "a link is not a temporary file of the store");
    }

    /**
     * Before the sweep, ids starting with the prefix were accepted and stored (other tools write such names too): only
     * the names the handler's own temporary files have are removed, whatever their age.
     */
    @Test
    void oldFilesWithThePrefixThatAreNotTemporaryFilesOfTheHandlerAreKept() throws IOException {
        Path root = Files.createDirectories(sandbox.resolve("root"));
        Path images = root.resolve("var/site/storage/images");
        Path photo = agedFile(images.resolve(PREFIX + "photo.jpg"), Duration.ofDays(400));
        Path backup = agedFile(images.resolve(PREFIX + "12.tmp.bak"), Duration.ofDays(400));
        Path noDigits = agedFile(images.resolve(PREFIX + ".tmp"), Duration.ofDays(400));
        Path temporary = agedFile(images.resolve(PREFIX + "123456789.tmp"), Duration.ofHours(2));

        assertEquals(1, TemporaryFileSweep.sweep("test", root, HOUR));

        assertFalse(Files.exists(temporary), "a name the handler's temporary files have");
        assertTrue(Files.exists(photo) && Files.exists(backup) && Files.exists(noDigits), "stored data with the prefix is never removed");
    }

    @Test
    void theNamesMatchedAreTheNamesOfTheHandlersTemporaryFiles() throws IOException {
        Path directory = Files.createDirectories(sandbox.resolve("d"));
        for (int i = 0; i < 100; i++) {
            Path temporary = Files.createTempFile(directory, PREFIX, FilesystemBinarydataHandler.TEMPORARY_SUFFIX);
            assertTrue(TemporaryFileSweep.isTemporaryFileName(temporary.getFileName().toString()), temporary.toString());
        }
    }

    @Test
    void aSiteDirectoryThatIsALinkElsewhereIsSweptToo() throws Exception {
        Path root = Files.createDirectories(sandbox.resolve("root"));
        Path nfs = Files.createDirectories(sandbox.resolve("nfs"));
        Files.createDirectories(root.resolve("var/site"));
        Files.createSymbolicLink(root.resolve("var/site/storage"), nfs);
        Path old = agedFile(nfs.resolve("images/" + PREFIX + "1.tmp"), Duration.ofHours(2));
        try (FilesystemBinarydataStore store = new FilesystemBinarydataStore(root, "$var_dir$/$storage_dir$/", PosixPermissions.fromOctal("0644"),
                PosixPermissions.fromOctal("0755"), false)) {
            store.startSweeping("test", HOUR);
            store.forSite(new SiteLayout("site", "var/site", "storage"));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (Files.exists(old) && System.nanoTime() < deadline) {
                TimeUnit.MILLISECONDS.sleep(20);
            }
            assertFalse(Files.exists(old), "the site directory on the other mount is swept as soon as the site uses it");
        }
    }

    /** Nodes sharing an NFS tree sweep it at the same time: each file is removed once, and no sweep fails. */
    @Test
    void concurrentSweepsOfTheSameTreeTolerateEachOther() throws Exception {
        Path root = Files.createDirectories(sandbox.resolve("root"));
        int count = 2000;
        for (int i = 0; i < count; i++) {
            agedFile(root.resolve("var/site/storage/d" + (i % 40) + "/e" + (i % 7) + "/" + PREFIX + i + ".tmp"), Duration.ofHours(2));
        }
        ExecutorService nodes = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Integer>> sweeps = new ArrayList<>();
            for (int node = 0; node < 4; node++) {
                sweeps.add(() -> TemporaryFileSweep.sweep("node", root, HOUR));
            }
            int removed = 0;
            for (Future<Integer> sweep : nodes.invokeAll(sweeps)) {
                removed += sweep.get();
            }
            assertEquals(count, removed, "every file counted by exactly one sweep");
            assertEquals(List.of(), temporaryFiles(root));
        } finally {
            nodes.shutdownNow();
        }
    }

    @Test
    void theSweepIntervalFollowsTheMaximumAgeWithinBounds() {
        assertEquals(Duration.ofMinutes(1), TemporaryFileSweeper.interval(Duration.ofSeconds(1)));
        assertEquals(Duration.ofMinutes(30), TemporaryFileSweeper.interval(Duration.ofHours(1)));
        assertEquals(Duration.ofHours(1), TemporaryFileSweeper.interval(Duration.ofDays(7)));
    }

    @Test
    void aStoreThatWroteNothingYetSweepsNothing() {
        assertEquals(0, TemporaryFileSweep.sweep("test", sandbox.resolve("missing"), HOUR));
    }
}
