package org.clusterio.integrity;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import org.clusterio.io.BinarydataHandler;
import org.clusterio.io.SiteLayout;
import org.clusterio.io.dfs.DfsMetadataStore;
import org.clusterio.io.fs.FilesystemBinarydataStore;
import org.clusterio.io.fs.PosixPermissions;
import org.clusterio.io.fs.RecursiveDelete;
import org.clusterio.migration.FileMigration;

/**
 * check-integrity of a DFS table on PostgreSQL with a million rows and a filesystem store holding the bytes of some
 * of them, against a plain JDBC keyset scan of the same rows with no store access (the floor the check cannot beat):
 * rows per second, and the used heap after each garbage collection, sampled while the check runs, to show it is
 * flat. A one-shot run, not JMH. It lives in the integrity package to run {@link IntegrityScan}, the pass
 * {@code :check-integrity} runs, without a server around it:
 * <pre>java -Xmx256m -cp benchmarks/target/benchmarks.jar org.clusterio.integrity.IntegrityCheckBenchmark [rows] [files] [bulk-count]</pre>
 */
public final class IntegrityCheckBenchmark {

    private static final SiteLayout SITE = new SiteLayout("site", "var/site", "storage");
    private static final int ORPHAN_FILES = 1_000;

    public static void main(String[] arguments) throws Exception {
        int rows = arguments.length > 0 ? Integer.parseInt(arguments[0]) : 1_000_000;
        int files = arguments.length > 1 ? Integer.parseInt(arguments[1]) : 100_000;
        int bulkCount = arguments.length > 2 ? Integer.parseInt(arguments[2]) : 1_000;
        Path work = Files.createTempDirectory("cluster-io-integrity-bench");
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:postgresql://127.0.0.1:5432/clusterio_test");
        config.setUsername("postgres");
        config.setMaximumPoolSize(4);
        String table = "dfs_integrity_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (HikariDataSource pool = new HikariDataSource(config)) {
            DfsMetadataStore dfs = new DfsMetadataStore("dfs", pool, table, true);
            BinarydataHandler store = new FilesystemBinarydataStore(work, "$var_dir$/$storage_dir$/", PosixPermissions.fromOctal("0644"),
                    PosixPermissions.fromOctal("0755"), false).forSite(SITE);
            FileMigration.Handlers handlers = new FileMigration.Handlers("dfs", dfs.forSite(SITE, store), "fs", store);
            try {
                handlers.metadata().exists("images/warm-up"); // creates the table and its indexes
                long start = System.nanoTime();
                fillTable(pool, table, rows);
                double fillSeconds = seconds(start);
                start = System.nanoTime();
                writeFiles(work.resolve("var/site/storage"), files);
                double writeSeconds = seconds(start);
                System.out.printf("setup: %,d rows by INSERT ... SELECT generate_series in %.1f s; %,d files of 1 byte (and %,d without a row) in %.1f s%n",
                        rows, fillSeconds, files, ORPHAN_FILES, writeSeconds);

                double jdbcRate = keysetScan(pool, table, bulkCount);
                System.gc();
                HeapSampler heap = new HeapSampler();
                heap.start();
                IntegrityProgress progress = new IntegrityProgress(IntegrityRunner.CHECK, "dfs,fs (site site)", true, Instant.now());
                new IntegrityScan(handlers, new IntegrityOptions(bulkCount, false), progress, Duration.ofSeconds(5),
                        p -> System.out.printf("  %5.0f s: %,9d rows, %,7d files, %6.0f rows/s, heap after GC %3d MiB%n", p.elapsed().toMillis() / 1000.0,
                                p.rowsChecked(), p.filesChecked(), p.rowsPerSecond(), heap.afterCollection() >> 20)).run(IntegrityScan.Repair.NONE);
                heap.interrupt();
                heap.join();
                report(progress, heap, jdbcRate, bulkCount);
            } finally {
                dfs.close();
                try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
                    statement.execute("DROP TABLE IF EXISTS " + table);
                }
            }
        } finally {
            RecursiveDelete.deleteTree(work);
        }
    }

    private static void report(IntegrityProgress progress, HeapSampler heap, double jdbcRate, int bulkCount) {
        double rate = progress.rowsPerSecond();
        System.out.printf("%nbulk-count %d, max heap %d MiB, %d collections during the check%n", bulkCount, Runtime.getRuntime().maxMemory() >> 20,
                heap.collections());
        System.out.printf("check-integrity dfs (PostgreSQL),fs: %,d rows and %,d files in %.1f s, %,.0f rows/s; peak heap %d MiB, "
                + "after GC %d MiB at most (%d MiB at the first sample)%n", progress.rowsChecked(), progress.filesChecked(),
                progress.elapsed().toMillis() / 1000.0, rate, heap.peak() >> 20, heap.peakAfterCollection() >> 20, heap.firstAfterCollection() >> 20);
        for (Finding finding : Finding.values()) {
            System.out.printf("  %-20s %,d%n", finding.modelName(), progress.count(finding));
        }
        System.out.printf("plain JDBC keyset scan of the same rows:  %,.0f rows/s; the check runs at %.2f of it%n", jdbcRate, rate / jdbcRate);
    }

    /** One statement: PostgreSQL generates the names and their MD5 (the same lowercase hex of the UTF-8 bytes). */
    private static void fillTable(HikariDataSource pool, String table, int rows) throws Exception {
        try (Connection connection = pool.getConnection(); PreparedStatement insert = connection.prepareStatement("INSERT INTO " + table
                + " (name_hash, name, name_trunk, datatype, scope, size, mtime, expired, status)"
                + " SELECT md5(n), n, n, 'image/jpeg', 'image', 1, ?, false, false FROM (SELECT 'var/site/storage/' || "
                + "'images/' || (i % 100) || '/' || (i / 100 % 100) || '/photo-' || i || '.jpg' AS n FROM generate_series(0, ? - 1) AS i) AS names")) {
            insert.setInt(1, (int) Instant.now().minus(Duration.ofDays(2)).getEpochSecond());
            insert.setInt(2, rows);
            insert.executeUpdate();
        }
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("ANALYZE " + table);
        }
    }

    /** The bytes of the first rows, one byte each (the rows say size 1), and files no row names. */
    private static void writeFiles(Path storage, int files) throws Exception {
        byte[] oneByte = { 42 };
        for (int i = 0; i < files; i++) {
            Path file = storage.resolve(id(i));
            if (i < 10_000) {
                Files.createDirectories(file.getParent());
            }
            Files.write(file, oneByte);
        }
        Files.createDirectories(storage.resolve("images/orphans"));
        for (int i = 0; i < ORPHAN_FILES; i++) {
            Files.write(storage.resolve("images/orphans/orphan-" + i + ".jpg"), oneByte);
        }
    }

    private static String id(int i) {
        return "images/" + i % 100 + "/" + i / 100 % 100 + "/photo-" + i + ".jpg";
    }

    /** The same keyset pages the DFS handler reads, over plain JDBC, each row's columns read and nothing else. */
    private static double keysetScan(HikariDataSource pool, String table, int pageSize) throws Exception {
        long start = System.nanoTime();
        long count = 0;
        String last = "";
        try (Connection connection = pool.getConnection(); PreparedStatement page = connection.prepareStatement("SELECT name_hash, name, size, mtime, expired FROM "
                + table + " WHERE name LIKE ? ESCAPE '!' AND name_hash > ? ORDER BY name_hash LIMIT ?")) {
            int read;
            do {
                page.setString(1, "var/site/storage/%");
                page.setString(2, last);
                page.setInt(3, pageSize);
                read = 0;
                try (ResultSet result = page.executeQuery()) {
                    while (result.next()) {
                        last = result.getString(1);
                        result.getString(2);
                        result.getLong(3);
                        result.getInt(4);
                        result.getBoolean(5);
                        read++;
                    }
                }
                count += read;
            } while (read == pageSize);
        }
        double rate = count / seconds(start);
        System.out.printf("plain JDBC keyset scan: %,d rows in %.1f s%n", count, seconds(start));
        return rate;
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    /** Samples the used heap, now and as the last garbage collection left it, every 100 ms. */
    private static final class HeapSampler extends Thread {

        private final List<MemoryPoolMXBean> pools = ManagementFactory.getMemoryPoolMXBeans().stream().filter(pool -> pool.getType() == MemoryType.HEAP)
                .filter(MemoryPoolMXBean::isCollectionUsageThresholdSupported).toList();
        private final long collectionsBefore = collectionCount();
        private final AtomicLong peak = new AtomicLong();
        private final AtomicLong peakAfterCollection = new AtomicLong();
        private final AtomicLong afterCollection = new AtomicLong();
        private final AtomicLong firstAfterCollection = new AtomicLong(-1);

        HeapSampler() {
            super("heap-sampler");
            setDaemon(true);
        }

        @Override
        public void run() {
            while (!isInterrupted()) {
                peak.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
                long used = pools.stream().map(MemoryPoolMXBean::getCollectionUsage).mapToLong(MemoryUsage::getUsed).sum();
                afterCollection.set(used);
                if (collectionCount() > collectionsBefore) {
                    firstAfterCollection.compareAndSet(-1, used);
                    peakAfterCollection.accumulateAndGet(used, Math::max);
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        private static long collectionCount() {
            return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(gc -> Math.max(0, gc.getCollectionCount())).sum();
        }

        long collections() {
            return collectionCount() - collectionsBefore;
        }

        long peak() {
            return peak.get();
        }

        long afterCollection() {
            return afterCollection.get();
        }

        long peakAfterCollection() {
            return peakAfterCollection.get();
        }

        long firstAfterCollection() {
            return Math.max(0, firstAfterCollection.get());
        }
    }
}
