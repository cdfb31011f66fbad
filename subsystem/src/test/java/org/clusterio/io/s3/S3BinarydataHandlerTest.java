package org.clusterio.io.s3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.clusterio.api.BinaryFile;
import org.clusterio.api.BinaryFileCreateStruct;
import org.clusterio.api.BinaryFileNotFoundException;
import org.clusterio.api.IOBackendException;
import org.clusterio.api.IOService;
import org.clusterio.io.BinaryStoreMetadataHandler;
import org.clusterio.io.BinarydataHandler;
import org.clusterio.io.OpenedBinary;
import org.clusterio.io.SiteIOService;
import org.clusterio.io.SiteLayout;
import org.clusterio.io.UrlPrefix;
import org.clusterio.testing.GeneratedContent;
import org.clusterio.testing.PartCuttingProxy;
import org.clusterio.testing.S3ProxyProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Error;

/** The S3 binarydata handler against a real S3-compatible server (S3Proxy), through the IO service. */
class S3BinarydataHandlerTest {

    private static final SiteLayout SITE = new SiteLayout("site", "var/site", "storage");

    @TempDir
    static Path work;

    private static S3ProxyProcess server;
    private static S3Client admin;

    private String bucket;
    private S3BinarydataStore store;
    private IOService io;

    @BeforeAll
    static void startServer() throws Exception {
        server = S3ProxyProcess.start(work);
        admin = server.client();
    }

    @AfterAll
    static void stopServer() throws Exception {
        admin.close();
        server.close();
    }

    private static S3Settings settings(String bucket, String secret) {
        return settings(bucket, secret, S3Settings.MIN_PART_SIZE);
    }

    private static S3Settings settings(String bucket, String secret, int partSize) {
        return settings(server.endpoint(), bucket, secret, partSize);
    }

    private static S3Settings settings(URI endpoint, String bucket, String secret, int partSize) {
        return new S3Settings(bucket, "us-east-1", Optional.of(endpoint), true, Optional.of(new S3Settings.StaticKeys(S3ProxyProcess.ACCESS_KEY, secret)),
                partSize, Duration.ofSeconds(2), Duration.ofSeconds(30), 2, true);
    }

    @BeforeEach
    void createBucket() {
        bucket = "clusterio-" + UUID.randomUUID().toString().substring(0, 8);
        admin.createBucket(create -> create.bucket(bucket));
        store = new S3BinarydataStore(settings(bucket, S3ProxyProcess.SECRET_KEY), "cluster", "$var_dir$/$storage_dir$/");
        io = service(store);
    }

    private static IOService service(S3BinarydataStore store) {
        BinarydataHandler binarydata = store.forSite(SITE);
        return new SiteIOService(SITE, UrlPrefix.of("var/site/storage"), BinaryStoreMetadataHandler.STORE.forSite(SITE, binarydata), binarydata);
    }

    private static byte[] random(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    @Test
    void anObjectOpenedForServingIsReadOnlyAsTheVersionItDescribes() throws IOException {
        BinarydataHandler handler = store.forSite(SITE);
        byte[] first = random(1000);
        handler.create("images/v.jpg", new ByteArrayInputStream(first), first.length);
        try (OpenedBinary opened = handler.openForServing("images/v.jpg")) {
            assertEquals(1000, opened.size());
            assertTrue(opened.version().matches("[0-9A-Za-z._-]+"), "an entity tag's characters: " + opened.version());
            assertEquals(opened.version(), handler.openForServing("images/v.jpg").version(), "the store's tag, the same on every node");
            try (InputStream part = opened.read(10, 5)) {
                assertArrayEquals(java.util.Arrays.copyOfRange(first, 10, 15), part.readAllBytes());
            }
            byte[] second = random(999);
            handler.create("images/v.jpg", new ByteArrayInputStream(second), second.length);
            // replaced after the open: S3 refuses to hand out the new bytes under the old version's size and tag
            assertThrows(org.clusterio.api.IOBackendException.class, () -> opened.read(0, 1000).close());
            assertNotEquals(opened.version(), handler.openForServing("images/v.jpg").version());
        }
        assertThrows(org.clusterio.api.BinaryFileNotFoundException.class, () -> handler.openForServing("images/none.jpg"));
    }

    @Test
    void storesLoadsStreamsRangesAndDeletes() throws IOException {
        byte[] content = random(100_000);
        BinaryFile stored = io.create(BinaryFileCreateStruct.of("images/1/2/photo.jpg", new ByteArrayInputStream(content)).withSize(content.length));
        assertEquals(content.length, stored.size());
        assertEquals("image/jpeg", stored.mimeType());
        var object = admin.headObject(head -> head.bucket(bucket).key("cluster/var/site/storage/images/1/2/photo.jpg"));
        assertEquals(content.length, object.contentLength(), "the key is <prefix>/<var-dir>/<storage-dir>/<id>");
        assertEquals("image/jpeg", object.contentType(), "the object carries its MIME type");
        assertTrue(io.exists("images/1/2/photo.jpg"));
        try (InputStream in = io.open(io.load("images/1/2/photo.jpg"))) {
            assertArrayEquals(content, in.readAllBytes());
        }
        try (InputStream in = io.open(stored, 1000, 100)) {
            assertArrayEquals(java.util.Arrays.copyOfRange(content, 1000, 1100), in.readAllBytes());
        }
        try (InputStream in = io.open(stored, 99_990, 1000)) {
            assertEquals(10, in.readAllBytes().length, "a range past the end stops at the end");
        }
        try (InputStream in = io.open(stored, 200_000, 10)) {
            assertEquals(0, in.readAllBytes().length);
        }
        io.delete(stored);
        assertFalse(io.exists("images/1/2/photo.jpg"));
        assertThrows(BinaryFileNotFoundException.class, () -> io.open(stored));
    }

    @Test
    void listsAndDeletesDirectories() {
        for (String id : List.of("images/a/1.jpg", "images/a/b/2.jpg", "images/ab/3.jpg", "original/4.pdf")) {
            io.create(BinaryFileCreateStruct.of(id, new ByteArrayInputStream(new byte[] { 1, 2, 3 })));
        }
        try (Stream<BinaryFile> listed = io.list("images/a")) {
            assertEquals(Set.of("images/a/1.jpg", "images/a/b/2.jpg"), listed.map(BinaryFile::id).collect(Collectors.toSet()));
        }
        try (Stream<BinaryFile> all = io.list("")) {
            assertEquals(4, all.count());
        }
        io.deleteDirectory("images/a");
        assertFalse(io.exists("images/a/1.jpg"));
        assertFalse(io.exists("images/a/b/2.jpg"));
        assertTrue(io.exists("images/ab/3.jpg"), "a sibling whose name starts the same stays");
    }

    @Test
    void largeAndUnknownLengthUploadsGoMultipart() throws Exception {
        byte[] content = random(S3Settings.MIN_PART_SIZE * 2 + 12345);
        BinaryFile stored = io.create(BinaryFileCreateStruct.of("original/big.bin", new ByteArrayInputStream(content))); // length unknown
        assertEquals(content.length, stored.size());
        try (InputStream in = io.open(stored)) {
            assertArrayEquals(MessageDigest.getInstance("SHA-256").digest(content), MessageDigest.getInstance("SHA-256").digest(in.readAllBytes()));
        }
        String etag = admin.headObject(head -> head.bucket(bucket).key("cluster/var/site/storage/original/big.bin")).eTag();
        assertTrue(etag.endsWith("-3\""), "three parts: " + etag);
    }

    @Test
    void aFailedUploadLeavesNoObjectAndNoParts() {
        byte[] firstPart = random(S3Settings.MIN_PART_SIZE);
        InputStream failsInThePartAfter = new InputStream() {
            private int served;

            @Override
            public int read() throws IOException {
                if (served >= firstPart.length + 1000) {
                    throw new IOException("client went away");
                }
                return served < firstPart.length ? firstPart[served++] & 0xff : (served++ & 0x7f);
            }
        };
        assertThrows(IOBackendException.class, () -> io.create(BinaryFileCreateStruct.of("original/broken.bin", failsInThePartAfter)));
        assertFalse(io.exists("original/broken.bin"));
        assertEquals(0, admin.listMultipartUploads(list -> list.bucket(bucket)).uploads().size(), "the multipart upload was aborted");

        IOBackendException mismatch = assertThrows(IOBackendException.class,
                () -> io.create(BinaryFileCreateStruct.of("original/short.bin", new ByteArrayInputStream(new byte[10])).withSize(11)));
        assertTrue(mismatch.getMessage().startsWith("CLUSTERIO0183: ") && mismatch.getMessage().contains("10 bytes where 11 were declared"), mismatch.getMessage());
        assertFalse(io.exists("original/short.bin"));
    }

    /**
     * Ten parts of an upload of unknown length go up several at once (through a proxy that counts the connections
     * open at the same time: parts sent one at a time reuse one kept-alive connection) and come back byte for byte.
     */
    @Test
    void partsSentInParallelComeBackExactly() throws Exception {
        assertEquals(PartUploads.CONCURRENT_PARTS, PartUploads.partsInFlight(S3Settings.MIN_PART_SIZE, Runtime.getRuntime().maxMemory()));
        byte[] content = random(S3Settings.MIN_PART_SIZE * 9 + 4321);
        try (PartCuttingProxy proxy = PartCuttingProxy.start(server.endpoint(), 0, 0);
                S3BinarydataStore parallel = new S3BinarydataStore(settings(proxy.endpoint(), bucket, S3ProxyProcess.SECRET_KEY, S3Settings.MIN_PART_SIZE),
                        "cluster", "$var_dir$/$storage_dir$/")) {
            BinaryFile stored = service(parallel).create(BinaryFileCreateStruct.of("original/parallel.bin", new ByteArrayInputStream(content)));
            assertEquals(content.length, stored.size());
            assertTrue(proxy.mostOpen() > 1, "the parts went one at a time: at most " + proxy.mostOpen() + " connection open");
            assertEquals(0, proxy.cuts());
        }
        try (InputStream in = io.open(io.load("original/parallel.bin"))) {
            assertArrayEquals(MessageDigest.getInstance("SHA-256").digest(content), MessageDigest.getInstance("SHA-256").digest(in.readAllBytes()));
        }
        String etag = admin.headObject(head -> head.bucket(bucket).key("cluster/var/site/storage/original/parallel.bin")).eTag();
        assertTrue(etag.endsWith("-10\""), "ten parts: " + etag);
    }

    /**
     * The network cuts every attempt at part 3 after its first MiB, while the parts around it go through: the
     * upload fails naming the part, and is aborted once the parts in flight are done, so that no object and no
     * multipart upload (no parts) is left.
     */
    @Test
    void aPartCutMidUploadAbortsTheUpload() throws Exception {
        byte[] content = random(S3Settings.MIN_PART_SIZE * 8);
        try (PartCuttingProxy proxy = PartCuttingProxy.start(server.endpoint(), 3, 1024 * 1024);
                S3BinarydataStore cut = new S3BinarydataStore(settings(proxy.endpoint(), bucket, S3ProxyProcess.SECRET_KEY, S3Settings.MIN_PART_SIZE),
                        "cluster", "$var_dir$/$storage_dir$/")) {
            IOService failing = service(cut);
            IOBackendException failure = assertThrows(IOBackendException.class,
                    () -> failing.create(BinaryFileCreateStruct.of("original/cut.bin", new ByteArrayInputStream(content))));
            assertTrue(failure.getMessage().contains("upload part 3 of 'original/cut.bin'"), failure.getMessage());
            assertTrue(proxy.cuts() >= 1, "the proxy cut part 3");
        }
        assertFalse(io.exists("original/cut.bin"));
        assertEquals(0, admin.listMultipartUploads(list -> list.bucket(bucket)).uploads().size(), "the multipart upload was aborted");
    }

    /**
     * A gibibyte of unknown length goes up and comes back through a heap of at most 256 MiB (the surefire
     * configuration of this module): an upload holds its parts in flight and the one being filled (8 MiB parts:
     * 4 in flight, 40 MiB), downloads stream.
     */
    @Test
    void aGibibyteGoesThroughABoundedHeap() throws Exception {
        assertTrue(Runtime.getRuntime().maxMemory() <= 256L * 1024 * 1024, "this test proves the bound only with -Xmx256m");
        long size = 1024L * 1024 * 1024;
        S3Settings settings = settings(bucket, S3ProxyProcess.SECRET_KEY);
        int partSize = 8 * 1024 * 1024;
        assertEquals(PartUploads.CONCURRENT_PARTS, PartUploads.partsInFlight(partSize, Runtime.getRuntime().maxMemory()));
        S3Settings largeParts = new S3Settings(bucket, settings.region(), settings.endpoint(), true, settings.credentials(), partSize,
                settings.connectTimeout(), Duration.ofMinutes(2), settings.maxAttempts(), true);
        IOService big = service(new S3BinarydataStore(largeParts, "cluster", "$var_dir$/$storage_dir$/"));
        MessageDigest sent = MessageDigest.getInstance("SHA-256");
        BinaryFile stored = big.create(BinaryFileCreateStruct.of("original/gibibyte.bin", new GeneratedContent(size, sent)));
        assertEquals(size, stored.size());
        MessageDigest received = MessageDigest.getInstance("SHA-256");
        try (InputStream in = big.open(stored)) {
            byte[] buffer = new byte[64 * 1024];
            long total = 0;
            for (int read; (read = in.read(buffer)) > 0; ) {
                received.update(buffer, 0, read);
                total += read;
            }
            assertEquals(size, total);
        }
        assertArrayEquals(sent.digest(), received.digest());
        big.delete(stored);
    }

    @Test
    void failuresNameTheBucketAndTheCause() {
        IOService missingBucket = service(new S3BinarydataStore(settings("no-such-bucket", S3ProxyProcess.SECRET_KEY), "", "$var_dir$/$storage_dir$/"));
        // A write may fail either with S3's answer or with a broken pipe: the server may answer and close before it
        // has read the body. Both must name the bucket; S3's error code is checked on requests without a body.
        IOBackendException write = assertThrows(IOBackendException.class, () -> missingBucket.create(BinaryFileCreateStruct.of("images/x.jpg", new ByteArrayInputStream(new byte[1]))));
        assertTrue(write.getMessage().contains("no-such-bucket") && write.getMessage().contains("images/x.jpg"), write.getMessage());
        IOBackendException noBucket = assertThrows(IOBackendException.class, () -> {
            try (Stream<BinaryFile> files = missingBucket.list("images")) {
                files.count();
            }
        });
        assertTrue(noBucket.getMessage().contains("no-such-bucket") && noBucket.getMessage().contains("NoSuchBucket"), noBucket.getMessage());

        IOService wrongSecret = service(new S3BinarydataStore(settings(bucket, "wrong-secret"), "", "$var_dir$/$storage_dir$/"));
        IOBackendException denied = assertThrows(IOBackendException.class, () -> wrongSecret.exists("images/x.jpg"));
        assertTrue(denied.getMessage().startsWith("CLUSTERIO0184: ") && denied.getMessage().contains(bucket) && denied.getMessage().contains("HTTP 403"), denied.getMessage());

        S3Settings unreachable = new S3Settings(bucket, "us-east-1", Optional.of(URI.create("http://127.0.0.1:1")), true,
                Optional.of(new S3Settings.StaticKeys("a", "b")), S3Settings.MIN_PART_SIZE, Duration.ofMillis(500), Duration.ofSeconds(2), 2, true);
        IOService down = service(new S3BinarydataStore(unreachable, "", "$var_dir$/$storage_dir$/"));
        IOBackendException refused = assertThrows(IOBackendException.class, () -> down.exists("images/x.jpg"));
        assertTrue(refused.getMessage().contains(bucket), refused.getMessage());
        IOBackendException listing = assertThrows(IOBackendException.class, () -> {
            try (Stream<BinaryFile> files = down.list("images")) {
                files.count();
            }
        });
        assertTrue(listing.getMessage().contains(bucket), listing.getMessage());
    }

    /** A store whose first upload is done: class loading and connection set-up do not count in what a test measures. */
    private S3BinarydataStore warmedUpStore(int partSize) {
        S3BinarydataStore store = new S3BinarydataStore(settings(bucket, S3ProxyProcess.SECRET_KEY, partSize), "cluster", "$var_dir$/$storage_dir$/");
        store.forSite(SITE).create("warm-up.txt", new ByteArrayInputStream(new byte[1024]), -1);
        return store;
    }

    /** The bytes the current thread allocates while it runs the action. */
    private static long allocatedBy(Runnable action) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(thread);
        action.run();
        return threads.getThreadAllocatedBytes(thread) - before;
    }

    @Test
    void aSmallObjectDoesNotAllocateAWholePart() {
        int partSize = 64 * 1024 * 1024;
        try (S3BinarydataStore large = warmedUpStore(partSize)) {
            BinarydataHandler handler = large.forSite(SITE);
            byte[] content = new byte[1024];
            for (long declared : new long[] { -1, content.length }) {
                long allocated = allocatedBy(() -> handler.create("small-" + declared + ".txt", new ByteArrayInputStream(content), declared));
                assertTrue(allocated < partSize / 8, "storing 1 KiB (declared size " + declared + ") allocated " + allocated
                        + " bytes with a part size of " + partSize);
            }
            assertEquals(1024, admin.headObject(head -> head.bucket(bucket).key("cluster/var/site/storage/small--1.txt")).contentLength());
        }
    }

    /**
     * The declared size comes from the client (a request header): a client that declares 100 MiB and sends 1 KiB,
     * or stops sending, must not have tied up 100 MiB of heap for the time of its request.
     */
    @Test
    void aDeclaredSizeThatIsNeverSentIsNotAllocated() {
        long declared = 100 * 1024 * 1024;
        try (S3BinarydataStore large = warmedUpStore(128 * 1024 * 1024)) {
            BinarydataHandler handler = large.forSite(SITE);
            byte[] kibibyte = new byte[1024];
            InputStream endsEarly = new ByteArrayInputStream(kibibyte);
            InputStream failsAfterAKibibyte = new java.io.SequenceInputStream(new ByteArrayInputStream(kibibyte), new InputStream() {
                @Override
                public int read() throws IOException {
                    throw new IOException("the client went away");
                }
            });
            for (InputStream lying : List.of(endsEarly, failsAfterAKibibyte)) {
                long allocated = allocatedBy(() -> assertThrows(IOBackendException.class, () -> handler.create("lie.bin", lying, declared)));
                assertTrue(allocated < declared / 16, "1 KiB sent of " + declared + " declared bytes allocated " + allocated + " bytes");
            }
            assertThrows(software.amazon.awssdk.services.s3.model.NoSuchKeyException.class,
                    () -> admin.headObject(head -> head.bucket(bucket).key("cluster/var/site/storage/lie.bin")));
        }
    }

    /**
     * A DeleteObjects request that S3 accepts answers 200 and lists the keys it could not delete as errors. S3Proxy
     * reports per-key errors only for conditional deletes (a failing file system makes it fail the whole request with
     * 500, which the handler reports anyway), and the handler sends none: so the response here is a real one of
     * S3Proxy for a conditional delete with a wrong ETag, parsed by the SDK, and what is tested is the seam that reads
     * it: every batch of {@link S3BinarydataHandler#deleteDirectory} passes its response there (a handler that does not
     * read the response reports success for keys that are still there).
     */
    @Test
    void keysABatchDeleteRefusesAreReportedByNameAndCode() {
        for (String key : new String[] { "cluster/a.jpg", "cluster/b.jpg" }) {
            admin.putObject(put -> put.bucket(bucket).key(key), RequestBody.fromString(key));
        }
        DeleteObjectsResponse response = admin.deleteObjects(delete -> delete.bucket(bucket).delete(Delete.builder().quiet(true).objects(
                ObjectIdentifier.builder().key("cluster/a.jpg").eTag("\"0123456789abcdef0123456789abcdef\"").build(),
                ObjectIdentifier.builder().key("cluster/b.jpg").build()).build()));
        assertTrue(response.hasErrors() && response.errors().size() == 1, "S3Proxy refused one key: " + response);

        BatchDeleteErrors refused = new BatchDeleteErrors();
        refused.add(DeleteObjectsResponse.builder().build()); // a batch without errors adds nothing
        refused.throwIfAny("images", bucket);
        refused.add(response);
        IOBackendException failure = assertThrows(IOBackendException.class, () -> refused.throwIfAny("images", bucket));
        String code = response.errors().get(0).code();
        assertTrue(failure.getMessage().contains("cluster/a.jpg: " + code), "names the key and S3's error code: " + failure.getMessage());
        assertTrue(failure.getMessage().contains("1 objects were not deleted") && failure.getMessage().contains(bucket), failure.getMessage());
        assertTrue(failure.getMessage().startsWith("CLUSTERIO0093"), failure.getMessage());
    }

    @Test
    void aBatchDeleteThatRefusesManyKeysNamesTheFirstAndCountsAll() {
        DeleteObjectsResponse.Builder many = DeleteObjectsResponse.builder();
        java.util.List<S3Error> errors = new java.util.ArrayList<>();
        for (int i = 0; i < 25; i++) {
            errors.add(S3Error.builder().key("cluster/" + i + ".jpg").code("AccessDenied").message("Access Denied").build());
        }
        BatchDeleteErrors refused = new BatchDeleteErrors();
        refused.add(many.errors(errors).build());
        IOBackendException failure = assertThrows(IOBackendException.class, () -> refused.throwIfAny("images", bucket));
        assertTrue(failure.getMessage().contains("25 objects were not deleted"), failure.getMessage());
        assertTrue(failure.getMessage().contains("cluster/9.jpg: AccessDenied") && !failure.getMessage().contains("cluster/10.jpg"), failure.getMessage());
        assertTrue(failure.getMessage().contains("and 15 more"), failure.getMessage());
    }
}
