package org.clusterio.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import org.clusterio.io.BinaryStoreMetadataHandler;
import org.clusterio.io.BinarydataHandler;
import org.clusterio.io.SiteLayout;
import org.clusterio.io.dfs.DfsMetadataStore;
import org.clusterio.io.fs.FilesystemBinarydataStore;
import org.clusterio.io.fs.PosixPermissions;
import org.clusterio.io.fs.RecursiveDelete;
import org.clusterio.migration.FileMigration;
import org.clusterio.migration.MigrationProgress;

/**
 * migrate-files of many small files from a single server's handlers (files on disk) to DFS on PostgreSQL + an
 * NFS-style directory, against {@code cp -a} of the same tree: files per second, and the peak heap sampled every
 * 20 ms. A one-shot run, not JMH: what it measures is one long run. Run with a small heap to see that it is flat:
 * <pre>java -Xmx256m -cp benchmarks/target/benchmarks.jar org.clusterio.benchmarks.MigrateFilesBenchmark [files] [bulk-count] [parallelism]</pre>
 */
public final class MigrateFilesBenchmark {

    private static final SiteLayout SITE = new SiteLayout("site", "var/site", "storage");

    public static void main(String[] arguments) throws Exception {
        int files = arguments.length > 0 ? Integer.parseInt(arguments[0]) : 100_000;
        int bulkCount = arguments.length > 1 ? Integer.parseInt(arguments[1]) : 500;
        int parallelism = arguments.length > 2 ? Integer.parseInt(arguments[2]) : 4;
        Path work = Files.createTempDirectory("cluster-io-migration-bench");
        try {
            Path source = work.resolve("source");
            System.out.printf("writing %,d files of 1-4 KiB below %s%n", files, source);
            writeTree(source, files);

            long copyStart = System.nanoTime();
            Process cp = new ProcessBuilder("cp", "-a", source.toString(), work.resolve("cp-copy").toString()).inheritIO().start();
            if (cp.waitFor() != 0) {
                throw new IllegalStateException("cp -a failed");
            }
            double cpSeconds = (System.nanoTime() - copyStart) / 1e9;

            HikariConfig config = new HikariConfig();
            config.setJdbcUrl("jdbc:postgresql://127.0.0.1:5432/clusterio_test");
            config.setUsername("postgres");
            config.setMaximumPoolSize(parallelism + 2);
            String table = "dfs_migration_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
            try (HikariDataSource pool = new HikariDataSource(config)) {
                DfsMetadataStore dfs = new DfsMetadataStore("dfs", pool, table, true);
                BinarydataHandler local = store(source);
                BinarydataHandler nfs = store(work.resolve("nfs"));
                FileMigration.Handlers from = new FileMigration.Handlers("default", new BinaryStoreMetadataHandler(local), "default", local);
                FileMigration.Handlers to = new FileMigration.Handlers("dfs", dfs.forSite(SITE, nfs), "nfs", nfs);
                System.gc();
                HeapSampler heap = new HeapSampler();
                heap.start();
                MigrationProgress progress = new FileMigration(from, to, new FileMigration.Options(bulkCount, parallelism, false, false),
                        new MigrationProgress("bench", false), Duration.ofSeconds(10),
                        p -> System.out.printf("  %,d of %,d files, %.0f files/s%n", p.done(), p.total(), p.filesPerSecond())).run();
                heap.interrupt();
                heap.join();
                double seconds = progress.elapsed().toMillis() / 1000.0;
                System.out.printf("%nfiles %,d, bulk-count %d, parallelism %d, max heap %d MiB%n", files, bulkCount, parallelism,
                        Runtime.getRuntime().maxMemory() >> 20);
                System.out.printf("migrate-files default,default -> dfs (PostgreSQL),nfs: %.1f s, %.0f files/s, copied %,d, failed %,d, peak heap %d MiB%n",
                        seconds, files / seconds, progress.copied(), progress.failed(), heap.peak() >> 20);
                System.out.printf("cp -a of the same tree:                          %.1f s, %.0f files/s%n", cpSeconds, files / cpSeconds);
                dfs.close();
                try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
                    statement.execute("DROP TABLE " + table);
                }
            }
        } finally {
            RecursiveDelete.deleteTree(work); // depth first while walking: a million paths are never held at once
        }
    }

    private static BinarydataHandler store(Path root) {
        return new FilesystemBinarydataStore(root, "$var_dir$/$storage_dir$/", PosixPermissions.fromOctal("0644"), PosixPermissions.fromOctal("0755"), false)
                .forSite(SITE);
    }

    /** Ibexa DXP's image tree: images/<a>/<b>/<c>/<n>/photo.jpg, a hundred files per directory at most. */
    private static void writeTree(Path root, int files) throws IOException {
        Random random = new Random(1);
        byte[] content = new byte[4096];
        for (int i = 0; i < files; i++) {
            Path file = root.resolve(String.format("var/site/storage/images/%d/%d/%d/photo-%d.jpg", i % 10, i / 10 % 10, i / 100, i));
            Files.createDirectories(file.getParent());
            random.nextBytes(content);
            Files.write(file, java.util.Arrays.copyOf(content, 1024 + random.nextInt(3072)));
        }
    }

    /** Samples the used heap while it runs. */
    private static final class HeapSampler extends Thread {

        private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        private final AtomicLong peak = new AtomicLong();

        HeapSampler() {
            super("heap-sampler");
            setDaemon(true);
        }

        @Override
        public void run() {
            while (!isInterrupted()) {
                peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        long peak() {
            return peak.get();
        }
    }
}
