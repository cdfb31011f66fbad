package org.clusterio.benchmarks;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import org.clusterio.cache.AllowedValueClasses;
import org.clusterio.cache.InfinispanCaches;
import org.clusterio.cache.SharedCache;
import org.clusterio.io.BinaryFileMetadata;
import org.clusterio.io.CachingMetadataHandler;
import org.clusterio.io.MetadataHandler;
import org.clusterio.io.SiteLayout;
import org.clusterio.io.dfs.DfsMetadataStore;
import org.infinispan.configuration.cache.ConfigurationBuilder;
import org.infinispan.configuration.global.GlobalConfigurationBuilder;
import org.infinispan.manager.DefaultCacheManager;
import org.infinispan.manager.EmbeddedCacheManager;
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
 * A cold metadata load through the DFS handler (no cache in front of it: every load is a database round trip)
 * against the raw JDBC point select it stands for, on the same table, the same pooled connections and the same
 * database: PostgreSQL and MariaDB on 127.0.0.1, as .ci/services.sh starts them; and a warm load, the same handler
 * behind a persistence cache holding every row (an Infinispan cache on the heap, as a replicated cache reads too).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class DfsLoadBenchmark {

    static final int ROWS = 10_000;
    private static final SiteLayout SITE = new SiteLayout("site", "var/site", "storage");

    @Param({ "postgresql", "mariadb" })
    public String database;

    private HikariDataSource pool;
    private String table;
    private DfsMetadataStore store;
    private MetadataHandler handler;
    private String[] ids;
    private String[] hashes;
    private String select;
    private EmbeddedCacheManager infinispan;
    private MetadataHandler cachedHandler;

    @Setup(Level.Trial)
    public void fillTable() throws Exception {
        HikariConfig config = new HikariConfig();
        if (database.equals("postgresql")) {
            config.setJdbcUrl("jdbc:postgresql://127.0.0.1:5432/clusterio_test");
            config.setUsername("postgres");
        } else {
            config.setJdbcUrl("jdbc:mariadb://127.0.0.1:3306/clusterio_test");
            config.setUsername("root");
            config.setPassword("");
        }
        config.setMaximumPoolSize(4);
        pool = new HikariDataSource(config);
        table = "dfs_bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        store = new DfsMetadataStore("dfs", pool, table, true);
        handler = store.forSite(SITE, null);
        handler.exists("images/warm-up"); // creates the table
        ids = new String[ROWS];
        hashes = new String[ROWS];
        MessageDigest md5 = MessageDigest.getInstance("MD5");
        try (Connection connection = pool.getConnection(); PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO " + table + " (name, name_hash, name_trunk, datatype, scope, size, mtime) VALUES (?, ?, ?, 'image/jpeg', 'image', 4096, 1700000000)")) {
            for (int i = 0; i < ROWS; i++) {
                ids[i] = "images/" + (i % 10) + "/" + (i / 10 % 10) + "/" + i + "/photo.jpg";
                String name = SITE.internalPath(ids[i]);
                hashes[i] = HexFormat.of().formatHex(md5.digest(name.getBytes(StandardCharsets.UTF_8)));
                insert.setString(1, name);
                insert.setString(2, hashes[i]);
                insert.setString(3, name);
                insert.addBatch();
            }
            insert.executeBatch();
        }
        String visible = database.equals("postgresql") ? "expired = false" : "expired = 0";
        infinispan = new DefaultCacheManager(new GlobalConfigurationBuilder().nonClusteredDefault().build());
        SharedCache cache = new InfinispanCaches("default", "benchmark", "local", 100_000, -1, AllowedValueClasses.DEFAULT).start(infinispan, new ConfigurationBuilder().build()).shared();
        cachedHandler = new CachingMetadataHandler(handler, cache, "dfs:benchmark:", SITE);
        for (String id : ids) {
            cachedHandler.load(id); // fills the cache
        }
        select = "SELECT name_hash, name, name_trunk, datatype, scope, size, mtime, expired, status FROM " + table
                + " WHERE name_hash = ? AND " + visible + " AND mtime > 0";
    }

    @TearDown(Level.Trial)
    public void dropTable() throws SQLException {
        infinispan.stop();
        store.close();
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE " + table);
        }
        pool.close();
    }

    /** The handler: MD5 of the name, a Hibernate stateless session, a transaction, the select, the mapping. */
    @Benchmark
    public BinaryFileMetadata handlerLoad() {
        return handler.load(ids[ThreadLocalRandom.current().nextInt(ROWS)]).orElseThrow();
    }

    /** Warm: the handler behind a persistence cache that holds the row (the entry and its directory tags checked). */
    @Benchmark
    public BinaryFileMetadata cachedLoad() {
        return cachedHandler.load(ids[ThreadLocalRandom.current().nextInt(ROWS)]).orElseThrow();
    }

    /** The floor: the same select by primary key over plain JDBC, with the hash already computed. */
    @Benchmark
    public long rawJdbcPointSelect() throws SQLException {
        try (Connection connection = pool.getConnection(); PreparedStatement statement = connection.prepareStatement(select)) {
            statement.setString(1, hashes[ThreadLocalRandom.current().nextInt(ROWS)]);
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return row.getLong(6);
            }
        }
    }
}
