package org.clusterio.test.dfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.sql.DataSource;

import jakarta.annotation.Resource;
import jakarta.inject.Inject;

import org.clusterio.api.BinaryFile;
import org.clusterio.api.BinaryFileCreateStruct;
import org.clusterio.api.IOService;
import org.clusterio.test.support.DocumentedCli;
import org.clusterio.test.support.DocumentedScriptSetup;
import org.clusterio.test.support.ManagementOperations;
import org.clusterio.test.support.ServerReload;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.as.arquillian.api.ServerSetup;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Inside a server configured as docs/cli/dfs-and-nfs.cli says: metadata in the shared table, bytes on "NFS". */
@ExtendWith(ArquillianExtension.class)
@ServerSetup(DfsAndNfsSetup.class)
class DfsSiteTestCase {

    @Inject
    private IOService io;

    @Resource(lookup = "java:jboss/datasources/ClusterIODfsDS")
    private DataSource dfs;

    @Deployment
    static WebArchive deployment() {
        return ShrinkWrap.create(WebArchive.class, "dfs.war")
                .addClasses(DfsSiteTestCase.class, DfsAndNfsSetup.class, DocumentedScriptSetup.class, DocumentedCli.class, ServerReload.class, ManagementOperations.class)
                .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml");
    }

    private BinaryFile store(String id, String content) {
        return io.create(BinaryFileCreateStruct.of(id, new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void storesLoadsListsAndDeletesThroughTheSharedTable() throws Exception {
        BinaryFile stored = store("images/dfs/1/photo.jpg", "jpeg");
        store("images/dfs/2/other.jpg", "other");
        store("images/dfs/2/more/third.jpg", "third");

        Path nfs = Path.of(System.getProperty("cluster-io.nfs.root"));
        assertEquals("jpeg", Files.readString(nfs.resolve("var/site/storage/images/dfs/1/photo.jpg")));
        try (Connection connection = dfs.getConnection(); PreparedStatement select = connection.prepareStatement(
                "SELECT name_trunk, datatype, scope, size, expired FROM ezdfsfile WHERE name_hash = ?")) {
            select.setString(1, md5("var/site/storage/images/dfs/1/photo.jpg"));
            ResultSet row = select.executeQuery();
            assertTrue(row.next(), "the row is in the shared table, keyed by the MD5 of its name");
            assertEquals("var/site/storage/images/dfs/1/photo.jpg", row.getString(1));
            assertEquals("image/jpeg", row.getString(2));
            assertEquals("image", row.getString(3));
            assertEquals(4, row.getLong(4));
            assertFalse(row.getBoolean(5));
        }

        assertEquals(stored, io.load("images/dfs/1/photo.jpg"));
        try (InputStream in = io.open(stored)) {
            assertEquals("jpeg", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        try (Stream<BinaryFile> listed = io.list("images/dfs")) {
            assertEquals(Set.of("images/dfs/1/photo.jpg", "images/dfs/2/other.jpg", "images/dfs/2/more/third.jpg"),
                    listed.map(BinaryFile::id).collect(Collectors.toSet()));
        }
        io.deleteDirectory("images/dfs/2");
        assertFalse(io.exists("images/dfs/2/other.jpg"));
        assertFalse(io.exists("images/dfs/2/more/third.jpg"));
        assertFalse(Files.exists(nfs.resolve("var/site/storage/images/dfs/2")));
        io.delete(stored);
        assertFalse(io.exists("images/dfs/1/photo.jpg"));
    }

    private static String md5(String text) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
