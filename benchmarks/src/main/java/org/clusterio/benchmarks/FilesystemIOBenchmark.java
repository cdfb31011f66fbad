package org.clusterio.benchmarks;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.clusterio.api.BinaryFile;
import org.clusterio.api.BinaryFileCreateStruct;
import org.clusterio.api.IOService;
import org.clusterio.io.BinaryStoreMetadataHandler;
import org.clusterio.io.BinarydataHandler;
import org.clusterio.io.SiteIOService;
import org.clusterio.io.SiteLayout;
import org.clusterio.io.UrlPrefix;
import org.clusterio.io.fs.FilesystemBinarydataStore;
import org.clusterio.io.fs.PosixPermissions;
import org.clusterio.io.fs.RecursiveDelete;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The IO service on the filesystem metadata and binarydata handlers: create (atomic write, with and without fsync),
 * load, exists and a full read, on a store of {@value #FILES} files below a temporary directory (set
 * {@code -Djava.io.tmpdir} to measure another file system, such as an NFS mount).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class FilesystemIOBenchmark {

    static final int FILES = 10_000;

    @Param({ "false", "true" })
    public boolean fsync;

    @Param({ "4096" })
    public int size;

    private Path root;
    private IOService io;
    private byte[] content;

    @Setup(Level.Trial)
    public void createStore() {
        try {
            root = Files.createTempDirectory("cluster-io-bench");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        SiteLayout site = new SiteLayout("site", "var/site", "storage");
        BinarydataHandler binarydata = new FilesystemBinarydataStore(root, "$var_dir$/$storage_dir$/", PosixPermissions.fromOctal("0644"),
                PosixPermissions.fromOctal("0755"), fsync).forSite(site);
        io = new SiteIOService(site, UrlPrefix.of("var/site/storage"), BinaryStoreMetadataHandler.STORE.forSite(site, binarydata), binarydata);
        content = new byte[size];
        new Random(1).nextBytes(content);
        for (int i = 0; i < FILES; i++) {
            io.create(BinaryFileCreateStruct.of(id(i), new ByteArrayInputStream(content)).withSize(size).withMimeType("image/jpeg"));
        }
    }

    @TearDown(Level.Trial)
    public void deleteStore() throws IOException {
        RecursiveDelete.deleteTree(root);
    }

    /** Ids spread over directories the way image variations are: images/<a>/<b>/<n>/photo.jpg. */
    private static String id(int i) {
        return "images/" + (i % 10) + "/" + (i / 10 % 10) + "/" + i + "/photo.jpg";
    }

    private static int anyFile() {
        return ThreadLocalRandom.current().nextInt(FILES);
    }

    @Benchmark
    public BinaryFile create() {
        return io.create(BinaryFileCreateStruct.of(id(anyFile()), new ByteArrayInputStream(content)).withSize(size).withMimeType("image/jpeg"));
    }

    /**
     * The baseline: overwrite the file in place, as the PHP NFS handler does (readers can then see partial files).
     * The difference to {@link #create} is the price of atomic publishing and of the metadata read-back.
     */
    @Benchmark
    public Path baselineWriteInPlace() throws IOException {
        Path target = root.resolve("var/site/storage").resolve(id(anyFile()));
        return fsync ? Files.write(target, content, java.nio.file.StandardOpenOption.SYNC) : Files.write(target, content);
    }

    @Benchmark
    public BinaryFile load() {
        return io.load(id(anyFile()));
    }

    @Benchmark
    public boolean existsHit() {
        return io.exists(id(anyFile()));
    }

    @Benchmark
    public boolean existsMiss() {
        return io.exists("images/missing/" + anyFile() + ".jpg");
    }

    @Benchmark
    public int loadAndRead() throws IOException {
        try (InputStream in = io.open(io.load(id(anyFile())))) {
            return in.readAllBytes().length;
        }
    }
}
