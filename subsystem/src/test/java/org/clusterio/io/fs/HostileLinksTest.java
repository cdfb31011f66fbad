package org.clusterio.io.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.clusterio.api.BinaryFile;
import org.clusterio.api.BinaryFileCreateStruct;
import org.clusterio.api.BinaryFileNotFoundException;
import org.clusterio.api.IOBackendException;
import org.clusterio.api.IOService;
import org.clusterio.io.BinarydataHandler;
import org.clusterio.io.BinaryFileMetadata;
import org.clusterio.io.SiteLayout;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Links planted in the tree of a filesystem store (by a PHP node, an unpacked archive, an rsync) never let an
 * operation of the store reach outside the site's directory, nor, when planted at the site directory or above it
 * (where PHP nodes write too), outside the handler's root: real files, real symbolic links.
 */
class HostileLinksTest {

    private static final SiteLayout SITE = new SiteLayout("site", "var/site", "storage");

    @TempDir
    Path sandbox;

    private Path storage;
    private Path outside;
    private Map<String, String> outsideBefore;
    private BinarydataHandler handler;
    private IOService io;

    @BeforeEach
    void plantLinks() throws IOException {
        Path root = Files.createDirectories(sandbox.resolve("root"));
        outside = Files.createDirectories(sandbox.resolve("outside"));
        Files.writeString(outside.resolve("secret.txt"), "outside the storage");
        Files.writeString(Files.createDirectories(outside.resolve("sub")).resolve("deep.txt"), "deeper outside");
        handler = new FilesystemBinarydataStore(root, "$var_dir$/$storage_dir$/", PosixPermissions.fromOctal("0640"), PosixPermissions.fromOctal("0750"), false)
                .forSite(SITE);
        io = FilesystemSites.site(root, "site");
        io.create(BinaryFileCreateStruct.of("images/real/inside.txt", bytes("inside")));
        storage = root.resolve("var/site/storage");
        Files.createSymbolicLink(storage.resolve("images/dir"), outside);
        Files.createSymbolicLink(storage.resolve("images/relative"), Path.of("../../../../../outside"));
        Files.createSymbolicLink(storage.resolve("images/file.txt"), outside.resolve("secret.txt"));
        outsideBefore = contents(outside);
    }

    @Test
    void writesThroughALinkedDirectoryFailAndWriteNothingOutside() {
        for (String id : List.of("images/dir/new.txt", "images/dir/sub/new.txt", "images/dir/newsub/deeper/new.txt", "images/relative/new.txt",
                "images/dir/secret.txt")) {
            IOBackendException refused = assertThrows(IOBackendException.class, () -> handler.create(id, bytes("planted"), 7), id);
            assertTrue(refused.getMessage().startsWith("CLUSTERIO0030"), refused.getMessage());
            assertTrue(refused.getMessage().contains("'" + id + "'") && refused.getMessage().contains("symbolic link"), refused.getMessage());
            assertThrows(IOBackendException.class, () -> io.create(BinaryFileCreateStruct.of(id, bytes("planted"))), id);
        }
        assertEquals(outsideBefore, contents(outside), "nothing written, replaced or created outside (no temporary file either)");
    }

    @Test
    void aLinkAsTheFinalComponentIsReplacedNeverWrittenThrough() throws IOException {
        io.create(BinaryFileCreateStruct.of("images/file.txt", bytes("stored")));
        assertFalse(Files.isSymbolicLink(storage.resolve("images/file.txt")));
        assertEquals("stored", Files.readString(storage.resolve("images/file.txt")));
        assertEquals(outsideBefore, contents(outside));
    }

    @Test
    void deletesThroughLinksDeleteNothingOutside() throws IOException {
        handler.delete("images/dir/secret.txt");
        handler.delete("images/relative/sub/deep.txt");
        handler.deleteDirectory("images/dir/sub");
        handler.deleteDirectory("images/relative/sub");
        handler.deleteDirectory("images/dir");
        io.delete(new BinaryFile("images/dir/secret.txt", 1, Instant.now(), "/x", "text/plain"));
        io.deleteDirectory("images/dir/sub");
        assertEquals(outsideBefore, contents(outside));

        handler.delete("images/file.txt"); // removes the link itself
        assertFalse(Files.exists(storage.resolve("images/file.txt"), java.nio.file.LinkOption.NOFOLLOW_LINKS));
        io.deleteDirectory("images"); // deletes the links below it, not their targets
        assertFalse(Files.exists(storage.resolve("images"), java.nio.file.LinkOption.NOFOLLOW_LINKS));
        assertEquals(outsideBefore, contents(outside));
    }

    @Test
    void readsThroughLinksFindNothing() {
        for (String id : List.of("images/dir/secret.txt", "images/dir/sub/deep.txt", "images/relative/secret.txt", "images/file.txt")) {
            assertEquals(java.util.Optional.empty(), handler.stat(id), id);
            assertThrows(BinaryFileNotFoundException.class, () -> handler.open(id), id);
            assertThrows(BinaryFileNotFoundException.class, () -> handler.open(id, 0, 3), id);
            assertThrows(BinaryFileNotFoundException.class, () -> handler.openForServing(id), id);
            assertFalse(io.exists(id), id);
            assertThrows(BinaryFileNotFoundException.class, () -> io.load(id), id);
            assertEquals(java.util.Optional.empty(), io.find(id), id);
            assertThrows(BinaryFileNotFoundException.class, () -> io.open(new BinaryFile(id, 1, Instant.now(), "/x", "text/plain")), id);
        }
    }

    /**
     * The real site directory is remembered after a first read: links planted after it, in the site's tree or in
     * place of the site directory, are refused as they are before it.
     */
    @Test
    void linksPlantedAfterAFirstServeAreRefusedAsBefore() throws IOException {
        handler.openForServing("images/real/inside.txt").close();
        Path moved = Files.move(storage.resolve("images/real"), storage.resolve("images/moved"));
        Files.createSymbolicLink(storage.resolve("images/real"), outside);
        assertThrows(BinaryFileNotFoundException.class, () -> handler.openForServing("images/real/secret.txt"));
        assertThrows(BinaryFileNotFoundException.class, () -> handler.open("images/real/secret.txt"));
        assertEquals(java.util.Optional.empty(), handler.stat("images/real/secret.txt"));
        Files.delete(storage.resolve("images/real"));
        Files.move(moved, storage.resolve("images/real"));
        handler.openForServing("images/real/inside.txt").close();

        Path elsewhere = Files.createDirectories(sandbox.resolve("elsewhere/images/real"));
        Files.writeString(elsewhere.resolve("inside.txt"), "a copy outside the handler's root");
        Files.move(storage, storage.resolveSibling("storage-moved"));
        Files.createSymbolicLink(storage, sandbox.resolve("elsewhere"));
        assertThrows(BinaryFileNotFoundException.class, () -> handler.openForServing("images/real/inside.txt"));
        assertThrows(BinaryFileNotFoundException.class, () -> io.load("images/real/inside.txt"));
        assertEquals(outsideBefore, contents(outside));
    }

    @Test
    void listingsNeverDescendIntoLinks() {
        for (String prefix : List.of("", "images")) {
            assertEquals(List.of("images/real/inside.txt"), names(handler.list(prefix)), "prefix '" + prefix + "'");
            assertEquals(List.of("images/real/inside.txt"), io.list(prefix).map(BinaryFile::id).sorted().toList(), "prefix '" + prefix + "'");
        }
        for (String prefix : List.of("images/dir", "images/dir/sub", "images/relative/sub")) {
            assertEquals(List.of(), names(handler.list(prefix)), prefix);
            assertEquals(List.of(), io.list(prefix).map(BinaryFile::id).toList(), prefix);
        }
    }

    @Test
    void linksThatStayInsideTheSiteDirectoryAreDirectoriesLikeOthers() throws IOException {
        Files.createSymbolicLink(storage.resolve("images/alias"), Path.of("real"));
        try (InputStream in = io.open(io.load("images/alias/inside.txt"))) {
            assertEquals("inside", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        io.create(BinaryFileCreateStruct.of("images/alias/new/added.txt", bytes("added")));
        assertEquals("added", Files.readString(storage.resolve("images/real/new/added.txt")));
        // A prefix that is such a link names its real directory, for listings and deletes as for reads and writes;
        // a listing of the tree above it never follows it, so that no file is listed twice.
        assertEquals(List.of("images/alias/inside.txt", "images/alias/new/added.txt"), names(handler.list("images/alias")));
        assertEquals(List.of("images/real/inside.txt", "images/real/new/added.txt"), names(handler.list("images")));
        io.deleteDirectory("images/alias/new");
        assertFalse(Files.exists(storage.resolve("images/real/new")));
        handler.deleteDirectory("images/alias");
        assertFalse(Files.exists(storage.resolve("images/real")), "the directory that the link names is deleted");
        assertEquals(outsideBefore, contents(outside));
    }

    @Test
    void aPrefixLinkedToTheSiteDirectoryOrAboveNamesNoDirectory() throws IOException {
        Files.createSymbolicLink(storage.resolve("images/real/top"), Path.of("../.."));
        Files.createSymbolicLink(storage.resolve("images/up"), Path.of("../.."));
        handler.deleteDirectory("images/real/top");
        handler.deleteDirectory("images/up");
        assertEquals(List.of(), names(handler.list("images/up")));
        assertEquals("inside", Files.readString(storage.resolve("images/real/inside.txt")), "deleting a link to the site directory deletes nothing");
    }

    /**
     * PHP cluster nodes create and own {@code var/<site>}: a link planted there, at the site directory or above it,
     * leads nothing of the store outside the handler's root.
     */
    @ParameterizedTest
    @ValueSource(strings = { "var/site/storage", "var/site" })
    void aLinkPlantedAtOrAboveTheSiteDirectoryLeadsNowhere(String linked) throws IOException {
        Path root = Files.createDirectories(sandbox.resolve("other-root"));
        Files.createDirectories(root.resolve(linked).getParent());
        Files.createSymbolicLink(root.resolve(linked), outside);
        if (linked.equals("var/site")) {
            Files.createDirectories(outside.resolve("storage"));
            Files.writeString(outside.resolve("storage/secret.txt"), "outside the storage");
        }
        Map<String, String> before = contents(outside);
        BinarydataHandler planted = new FilesystemBinarydataStore(root, "$var_dir$/$storage_dir$/", PosixPermissions.fromOctal("0640"),
                PosixPermissions.fromOctal("0750"), false).forSite(SITE);
        IOService plantedIo = FilesystemSites.site(root, "site");
        for (String id : List.of("secret.txt", "sub/deep.txt")) {
            assertEquals(java.util.Optional.empty(), planted.stat(id), id);
            assertThrows(BinaryFileNotFoundException.class, () -> planted.open(id), id);
            assertFalse(plantedIo.exists(id), id);
        }
        assertEquals(List.of(), names(planted.list("")));
        assertEquals(List.of(), names(planted.list("sub")));
        assertEquals(List.of(), plantedIo.list("").map(BinaryFile::id).toList());
        assertThrows(IOBackendException.class, () -> planted.create("new.txt", bytes("planted"), 7));
        assertThrows(IOBackendException.class, () -> plantedIo.create(BinaryFileCreateStruct.of("images/new.txt", bytes("planted"))));
        planted.delete("secret.txt");
        planted.deleteDirectory("sub");
        plantedIo.deleteDirectory("sub");
        assertEquals(before, contents(outside), "nothing read, written or deleted outside");
    }

    @Test
    void danglingAndLoopingLinksAreNoDirectories() throws IOException {
        Files.createSymbolicLink(storage.resolve("images/dangling"), sandbox.resolve("nowhere"));
        Files.createSymbolicLink(storage.resolve("images/loop"), Path.of("loop"));
        for (String id : List.of("images/dangling/x.txt", "images/loop/x.txt")) {
            assertThrows(IOBackendException.class, () -> io.create(BinaryFileCreateStruct.of(id, bytes("x"))), id);
        }
        assertFalse(Files.exists(sandbox.resolve("nowhere")), "mkdir never follows a dangling link");
        assertFalse(io.exists("images/dangling/x.txt"));
    }

    private static List<String> names(Stream<BinaryFileMetadata> listed) {
        try (listed) {
            return listed.map(BinaryFileMetadata::name).sorted().toList();
        }
    }

    /** Every path below the directory (links not followed) with the content of its files. */
    private static Map<String, String> contents(Path directory) {
        Map<String, String> contents = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                contents.put(directory.relativize(path).toString(), Files.isRegularFile(path) ? Files.readString(path) : "<dir>");
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return contents;
    }

    private static InputStream bytes(String content) {
        return new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8));
    }
}
