package org.clusterio.io.fs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.clusterio.api.BinaryFile;
import org.clusterio.api.BinaryFileCreateStruct;
import org.clusterio.api.BinaryFileNotFoundException;
import org.clusterio.api.IOBackendException;
import org.clusterio.api.IOService;
import org.clusterio.api.InvalidBinaryFileIdException;
import org.clusterio.io.BinaryFileMetadata;
import org.clusterio.io.BinaryStoreMetadataHandler;
import org.clusterio.io.BinarydataHandler;
import org.clusterio.io.MetadataHandler;
import org.clusterio.io.MetadataNotWrittenException;
import org.clusterio.io.SiteIOService;
import org.clusterio.io.SiteLayout;
import org.clusterio.io.UrlPrefix;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every IO service operation on the filesystem metadata and binarydata handlers, against a real directory. */
class FilesystemIOOperationsTest {

    private static final byte[] PNG = { (byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 'I', 'H', 'D', 'R' };

    @TempDir
    Path root;

    private IOService io;

    @BeforeEach
    void createService() {
        io = FilesystemSites.site(root, "site");
    }

    private BinaryFile store(String id, String content) {
        return io.create(BinaryFileCreateStruct.of(id, new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8))));
    }

    /** The root is often reached through a link (/opt/wildfly -> wildfly-39.0.1.Final): permissions apply all the same. */
    @Test
    void directoriesCreatedBelowARootReachedThroughALinkGetTheConfiguredPermissions() throws IOException {
        Path installed = Files.createDirectories(root.resolve("wildfly-39.0.1.Final"));
        Path store = Files.createSymbolicLink(root.resolve("wildfly"), installed).resolve("data/store");
        IOService through = FilesystemSites.site(store, new SiteLayout("site", "var/site", "storage"), "$var_dir$/$storage_dir$", false,
                PosixPermissions.fromOctal("0700"));
        through.create(BinaryFileCreateStruct.of("images/a/b/file.txt", new ByteArrayInputStream(new byte[] { 1 })));
        for (String created : List.of("", "var", "var/site", "var/site/storage", "var/site/storage/images", "var/site/storage/images/a",
                "var/site/storage/images/a/b")) {
            assertEquals("rwx------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(installed.resolve("data/store").resolve(created))),
                    "'" + created + "'");
        }
    }

    @Test
    void opensAByteRange() throws IOException {
        BinaryFile file = store("original/range.txt", "0123456789");
        try (InputStream in = io.open(file, 3, 4)) {
            assertEquals("3456", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        try (InputStream in = io.open(file, 8, 100)) {
            assertEquals("89", new String(in.readAllBytes(), StandardCharsets.UTF_8), "a range past the end stops at the end");
        }
        try (InputStream in = io.open(file, 10, 5)) {
            assertEquals(0, in.readAllBytes().length);
        }
        assertThrows(IllegalArgumentException.class, () -> io.open(file, -1, 2));
        io.delete(file);
        assertThrows(BinaryFileNotFoundException.class, () -> io.open(file, 0, 1));
    }

    @Test
    void listsLazilyByPrefixAndSkipsTemporaryFiles() throws IOException {
        store("images/a/1.jpg", "1");
        store("images/a/b/2.jpg", "22");
        store("images/c/3.jpg", "333");
        store("original/4.pdf", "4444");
        Files.writeString(root.resolve("var/site/storage/images/a/.clusterio-123.tmp"), "partial");

        try (Stream<BinaryFile> listed = io.list("images/a")) {
            assertEquals(Set.of("images/a/1.jpg", "images/a/b/2.jpg"), listed.map(BinaryFile::id).collect(Collectors.toSet()));
        }
        try (Stream<BinaryFile> listed = io.list("images/a/")) {
            assertEquals(2, listed.count());
        }
        try (Stream<BinaryFile> all = io.list("")) {
            List<BinaryFile> files = all.toList();
            assertEquals(4, files.size());
            BinaryFile pdf = files.stream().filter(f -> f.id().equals("original/4.pdf")).findFirst().orElseThrow();
            assertEquals(4, pdf.size());
            assertEquals("application/pdf", pdf.mimeType());
            assertEquals("/var/site/storage/original/4.pdf", pdf.uri());
        }
        try (Stream<BinaryFile> none = io.list("images/none")) {
            assertEquals(0, none.count());
        }
    }

    @Test
    void deletesADirectoryAndNothingBeside() {
        store("images/_aliases/small/1.jpg", "1");
        store("images/_aliases/small/x/2.jpg", "2");
        store("images/_aliases/smaller/3.jpg", "3");
        io.deleteDirectory("images/_aliases/small");
        assertFalse(io.exists("images/_aliases/small/1.jpg"));
        assertFalse(io.exists("images/_aliases/small/x/2.jpg"));
        assertFalse(Files.exists(root.resolve("var/site/storage/images/_aliases/small")));
        assertTrue(io.exists("images/_aliases/smaller/3.jpg"), "a sibling whose name starts the same must stay");
        io.deleteDirectory("images/_aliases/absent");
    }

    @Test
    void detectsMimeTypesFromContentAndName() {
        BinaryFile png = io.create(BinaryFileCreateStruct.of("images/noext", new ByteArrayInputStream(PNG)));
        assertEquals("image/png", png.mimeType());
        assertEquals("image/png", io.mimeType("images/noext"));
        assertEquals("text/plain", store("original/readme.txt", "hello").mimeType());
        store("original/x.jpg", "not a real jpeg");
        assertEquals("image/jpeg", io.mimeType("original/x.jpg"), "unrecognised content: the name decides");
        assertThrows(BinaryFileNotFoundException.class, () -> io.mimeType("original/none.txt"));
    }

    @Test
    void storesALocalFileAndClosesIt() throws IOException {
        Path upload = Files.write(root.resolve("upload.bin"), PNG);
        BinaryFile stored = io.create(BinaryFileCreateStruct.ofFile("images/upload.png", upload));
        assertEquals(PNG.length, stored.size());
        try (InputStream in = io.open(stored)) {
            assertArrayEquals(PNG, in.readAllBytes());
        }
        Files.delete(upload); // would fail on some platforms if the service left it open
        assertThrows(IllegalArgumentException.class, () -> BinaryFileCreateStruct.ofFile("images/x.png", root.resolve("missing")));
    }

    @Test
    void mapsUrisBothWays() {
        BinaryFile file = store("images/a b/été.jpg", "x");
        assertEquals("/var/site/storage/images/a%20b/%C3%A9t%C3%A9.jpg", file.uri());
        assertEquals(file.id(), io.loadByUri(file.uri()).id());
        assertEquals(file.id(), io.loadByUri(file.uri() + "?v=2").id(), "a query string is not part of the id");
        assertThrows(InvalidBinaryFileIdException.class, () -> io.loadByUri("/var/other/storage/images/x.jpg"));
        assertThrows(InvalidBinaryFileIdException.class, () -> io.loadByUri("/var/site/storage/images/%2E%2E/%2E%2E/x"));
        assertThrows(BinaryFileNotFoundException.class, () -> io.loadByUri("/var/site/storage/images/none.jpg"));

        IOService cdn = FilesystemSites.site(root, new SiteLayout("site", "var/site", "storage"), "https://static.example.com/$var_dir$", false);
        BinaryFile viaCdn = cdn.load(file.id());
        assertEquals("https://static.example.com/var/site/images/a%20b/%C3%A9t%C3%A9.jpg", viaCdn.uri());
        assertEquals(file.id(), cdn.loadByUri(viaCdn.uri()).id());
    }

    @Test
    void mapsInternalAndExternalPaths() {
        assertEquals("var/site/storage/images/1/x.jpg", io.internalPath("images/1/x.jpg"));
        assertEquals("images/1/x.jpg", io.externalPath("var/site/storage/images/1/x.jpg"));
        assertThrows(InvalidBinaryFileIdException.class, () -> io.externalPath("var/admin/storage/images/1/x.jpg"));
        assertEquals("site", io.siteName());
    }

    @Test
    void aFailedMetadataWriteTakesTheBinaryBack() {
        SiteLayout site = new SiteLayout("site", "var/site", "storage");
        BinarydataHandler binarydata = new FilesystemBinarydataStore(root, "$var_dir$/$storage_dir$/", PosixPermissions.fromOctal("0644"),
                PosixPermissions.fromOctal("0755"), false).forSite(site);
        IOService failing = new SiteIOService(site, UrlPrefix.of("var/site/storage"), new UnavailableMetadata(), binarydata);
        assertThrows(IOBackendException.class, () -> failing.create(BinaryFileCreateStruct.of("images/x.jpg", new ByteArrayInputStream(new byte[] { 1 }))));
        assertFalse(Files.exists(root.resolve("var/site/storage/images/x.jpg")), "no binary may stay without metadata");
    }

    @Test
    void aFailedMetadataWriteOverAnExistingFileKeepsTheFileReadable() throws IOException {
        SiteLayout site = new SiteLayout("site", "var/site", "storage");
        BinarydataHandler binarydata = new FilesystemBinarydataStore(root, "$var_dir$/$storage_dir$/", PosixPermissions.fromOctal("0644"),
                PosixPermissions.fromOctal("0755"), false).forSite(site);
        MetadataHandler readable = BinaryStoreMetadataHandler.STORE.forSite(site, binarydata);
        IOService healthy = new SiteIOService(site, UrlPrefix.of("var/site/storage"), readable, binarydata);
        healthy.create(BinaryFileCreateStruct.of("images/keep.txt", new ByteArrayInputStream("old".getBytes(StandardCharsets.UTF_8))));

        IOService writesFail = new SiteIOService(site, UrlPrefix.of("var/site/storage"), new WritesFail(readable, Set.of("images/keep.txt")), binarydata);
        assertThrows(IOBackendException.class, () -> writesFail.create(BinaryFileCreateStruct.of("images/keep.txt", new ByteArrayInputStream("new".getBytes(StandardCharsets.UTF_8)))));
        try (InputStream in = healthy.open(healthy.load("images/keep.txt"))) {
            assertEquals("new", new String(in.readAllBytes(), StandardCharsets.UTF_8), "a replaced file is never taken away");
        }
        assertThrows(IOBackendException.class, () -> writesFail.create(BinaryFileCreateStruct.of("images/new.txt", new ByteArrayInputStream("x".getBytes(StandardCharsets.UTF_8)))));
        assertFalse(Files.exists(root.resolve("var/site/storage/images/new.txt")), "a new file without metadata is taken back");
    }

    /**
     * Reads work, writes fail: a database that went down between the lookup and the write. Its records are those of
     * the given ids, as they were before it went down.
     */
    private static final class WritesFail implements MetadataHandler {

        private final MetadataHandler reads;
        private final Set<String> recorded;

        WritesFail(MetadataHandler reads, Set<String> recorded) {
            this.reads = reads;
            this.recorded = recorded;
        }

        @Override
        public BinaryFileMetadata create(BinaryFileMetadata metadata) {
            throw new MetadataNotWrittenException(UnavailableMetadata.down()); // the connection was refused: nothing was sent
        }

        @Override
        public Optional<BinaryFileMetadata> load(String name) {
            return recorded.contains(name) ? reads.load(name) : Optional.empty();
        }

        @Override
        public boolean exists(String name) {
            return load(name).isPresent();
        }

        @Override
        public boolean delete(String name) {
            throw UnavailableMetadata.down();
        }

        @Override
        public void deleteDirectory(String prefix) {
            throw UnavailableMetadata.down();
        }

        @Override
        public Stream<BinaryFileMetadata> list(String prefix) {
            return reads.list(prefix);
        }
    }

    /** A metadata store that is down, as a database can be; everything else in this test is real. */
    private static final class UnavailableMetadata implements MetadataHandler {

        private static IOBackendException down() {
            return new IOBackendException("metadata database unreachable", new IOException("connection refused"));
        }

        @Override
        public BinaryFileMetadata create(BinaryFileMetadata metadata) {
            throw down();
        }

        @Override
        public Optional<BinaryFileMetadata> load(String name) {
            throw down();
        }

        @Override
        public boolean exists(String name) {
            throw down();
        }

        @Override
        public boolean delete(String name) {
            throw down();
        }

        @Override
        public void deleteDirectory(String prefix) {
            throw down();
        }

        @Override
        public Stream<BinaryFileMetadata> list(String prefix) {
            throw down();
        }
    }
}
