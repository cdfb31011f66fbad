package org.clusterio.io.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.clusterio.api.BinaryFile;
import org.clusterio.api.BinaryFileCreateStruct;
import org.clusterio.api.BinaryFileNotFoundException;
import org.clusterio.api.IOService;
import org.clusterio.api.InvalidBinaryFileIdException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Ids are untrusted input: every hostile id is rejected before anything is written, read or deleted. */
class HostileIdTest {

    @TempDir
    Path sandbox;

    static Stream<String> hostileIds() {
        return Stream.of("", "/etc/passwd", "../outside.txt", "images/../../outside.txt", "images/./x.jpg", "images//x.jpg",
                "images/x.jpg/", "images\\..\\x.jpg", "images/x\u0000.jpg", "images/x\n.jpg", "images/\u007f.jpg",
                "images/\ud800.jpg", "..", ".", "a/" + "b".repeat(1100),
                // the names of temporary files: a file stored under one would be hidden from listings and swept away
                ".clusterio-1.tmp", "images/.clusterio-123.tmp", ".clusterio-dir/x.jpg");
    }

    @ParameterizedTest
    @MethodSource("hostileIds")
    void hostileIdsAreRejectedEverywhere(String id) throws IOException {
        Path root = Files.createDirectories(sandbox.resolve("root"));
        IOService io = service(root);
        assertThrows(InvalidBinaryFileIdException.class, () -> io.create(BinaryFileCreateStruct.of(id, new ByteArrayInputStream(new byte[] { 1 }))));
        assertThrows(InvalidBinaryFileIdException.class, () -> io.load(id));
        assertThrows(InvalidBinaryFileIdException.class, () -> io.exists(id));
        assertThrows(InvalidBinaryFileIdException.class, () -> io.mimeType(id));
        assertThrows(InvalidBinaryFileIdException.class, () -> io.internalPath(id));
        if (!id.isEmpty()) {
            assertThrows(InvalidBinaryFileIdException.class, () -> io.deleteDirectory(id.endsWith("/") ? id + "/" : id));
            assertThrows(InvalidBinaryFileIdException.class, () -> io.list(id.endsWith("/") ? id + "/" : id).count());
        }
        assertThrows(InvalidBinaryFileIdException.class, () -> io.externalPath("var/site/storage/" + id));
        BinaryFile forged = new BinaryFile(id, 1, java.time.Instant.now(), "/x", "text/plain");
        assertThrows(InvalidBinaryFileIdException.class, () -> io.open(forged));
        assertThrows(InvalidBinaryFileIdException.class, () -> io.open(forged, 0, 1));
        assertThrows(InvalidBinaryFileIdException.class, () -> io.delete(forged));
        try (Stream<Path> written = Files.walk(sandbox)) {
            assertEquals(List.of(sandbox, root), written.toList(), "nothing may be written anywhere");
        }
    }

    @Test
    void symbolicLinksLeavingTheStorageAreNeverFollowed() throws IOException {
        Path root = Files.createDirectories(sandbox.resolve("root"));
        Path secret = Files.writeString(sandbox.resolve("secret.txt"), "outside the storage");
        Path secrets = Files.createDirectories(sandbox.resolve("secrets"));
        Files.writeString(secrets.resolve("key.txt"), "outside too");
        IOService io = service(root);
        io.create(BinaryFileCreateStruct.of("images/real.txt", new ByteArrayInputStream(new byte[] { 1 })));
        Path images = root.resolve("var/site/storage/images");
        Files.createSymbolicLink(images.resolve("link.txt"), secret);
        Files.createSymbolicLink(images.resolve("dir"), secrets);

        assertFalse(io.exists("images/link.txt"));
        assertThrows(BinaryFileNotFoundException.class, () -> io.load("images/link.txt"));
        BinaryFile forged = new BinaryFile("images/dir/key.txt", 1, java.time.Instant.now(), "/x", "text/plain");
        assertThrows(BinaryFileNotFoundException.class, () -> io.open(forged));
        assertThrows(BinaryFileNotFoundException.class, () -> io.open(forged, 0, 5));
        assertEquals(1, io.load("images/real.txt").size(), "regular files still work");
    }

    /** The handler's path is configuration: it may be a link to a mount (a linked site directory is not: HostileLinksTest). */
    @Test
    void aHandlerRootThatIsItselfALinkStillWorks() throws IOException {
        Path mount = Files.createDirectories(sandbox.resolve("nfs-mount"));
        Path root = Files.createSymbolicLink(sandbox.resolve("root"), mount);
        IOService io = service(root);
        io.create(BinaryFileCreateStruct.of("images/on-nfs.txt", new ByteArrayInputStream(new byte[] { 1, 2 })));
        try (InputStream in = io.open(io.load("images/on-nfs.txt"))) {
            assertEquals(2, in.readAllBytes().length);
        }
        assertTrue(Files.exists(mount.resolve("var/site/storage/images/on-nfs.txt")));
    }

    @Test
    void unusualButHarmlessIdsWork() {
        IOService io = service(sandbox);
        for (String id : List.of("images/été/naïve café.jpg", "images/..hidden/x", "images/x..y.jpg", "original/a b/c%20d.pdf", "images/\ud83d\ude00.png")) {
            io.create(BinaryFileCreateStruct.of(id, new ByteArrayInputStream(new byte[] { 1 })));
            assertEquals(1, io.load(id).size(), id);
        }
    }

    private static IOService service(Path root) {
        return FilesystemSites.site(root, "site");
    }
}
