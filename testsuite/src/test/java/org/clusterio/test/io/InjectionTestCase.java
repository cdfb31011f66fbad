package org.clusterio.test.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import jakarta.annotation.Resource;
import jakarta.inject.Inject;

import org.clusterio.api.BinaryFile;
import org.clusterio.api.BinaryFileCreateStruct;
import org.clusterio.api.IOService;
import org.clusterio.api.PersistenceCache;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs inside the server: a WAR gets the default site's IO service and the default persistence cache by CDI and by
 * JNDI, and really stores bytes and cached values.
 */
@ExtendWith(ArquillianExtension.class)
class InjectionTestCase {

    @Inject
    private IOService injected;

    @Resource(lookup = "java:jboss/cluster-io/io/site")
    private IOService lookedUp;

    @Inject
    private PersistenceCache cache;

    @Resource(lookup = "java:jboss/cluster-io/persistence-cache/default")
    private PersistenceCache cacheLookedUp;

    /** A class of the deployment: the cache must find it through the deployment's class loader. */
    record Article(long id, String title) implements Serializable {
    }

    @Deployment
    static WebArchive deployment() {
        // The API is not packaged: the subsystem makes its module visible to every deployment.
        return ShrinkWrap.create(WebArchive.class, "injection.war")
                .addClass(InjectionTestCase.class)
                .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml");
    }

    @Test
    void injectedServiceStoresAndReadsBackBytes() throws Exception {
        assertNotNull(injected);
        byte[] content = "stored through CDI".getBytes(StandardCharsets.UTF_8);
        BinaryFile stored = injected.create(BinaryFileCreateStruct.of("images/it/cdi.txt", new ByteArrayInputStream(content)).withSize(content.length));
        assertEquals(content.length, stored.size());
        assertEquals("text/plain", stored.mimeType());
        assertEquals("/var/site/storage/images/it/cdi.txt", stored.uri());

        try (InputStream in = injected.open(injected.load("images/it/cdi.txt"))) {
            assertArrayEquals(content, in.readAllBytes());
        }
        // The default configuration keeps the files below the server's data directory, in Ibexa DXP's layout.
        Path onDisk = Path.of(System.getProperty("jboss.server.data.dir"), "cluster-io/var/site/storage/images/it/cdi.txt");
        assertArrayEquals(content, Files.readAllBytes(onDisk));

        injected.delete(stored);
        assertFalse(injected.exists("images/it/cdi.txt"));
        assertFalse(Files.exists(onDisk));
    }

    @Test
    void theExtensionsLibrariesStayPrivate() {
        // Deployments see the API module only: a WAR can bring its own AWS SDK, Hibernate or Undertow classes.
        ClassLoader deployment = InjectionTestCase.class.getClassLoader();
        for (String internal : new String[] { "software.amazon.awssdk.services.s3.S3Client", "org.clusterio.io.SiteIOService",
                "org.clusterio.io.dfs.DfsMetadataStore" }) {
            assertThrows(ClassNotFoundException.class, () -> Class.forName(internal, false, deployment), internal);
        }
    }

    @Test
    void thePersistenceCacheKeepsTheDeploymentsOwnClasses() {
        assertNotNull(cache);
        assertEquals("default", cache.name());
        cache.put("it-article-1", new Article(1, "Cached by CDI"), "it-articles");
        assertEquals(new Article(1, "Cached by CDI"), cacheLookedUp.get("it-article-1", Article.class).orElseThrow());
        assertEquals(new Article(2, "Loaded"), cacheLookedUp.get("it-article-2", Article.class, () -> new Article(2, "Loaded"), "it-articles"));
        cacheLookedUp.invalidateTags("it-articles");
        assertFalse(cache.get("it-article-1", Article.class).isPresent());
        assertFalse(cache.get("it-article-2", Article.class).isPresent());
    }

    @Test
    void jndiAndCdiGiveTheSameSite() throws Exception {
        assertNotNull(lookedUp);
        byte[] content = { 1, 2, 3, 4, 5 };
        lookedUp.create(BinaryFileCreateStruct.of("original/it/jndi.bin", new ByteArrayInputStream(content)));
        assertTrue(injected.exists("original/it/jndi.bin"));
        try (InputStream in = injected.open(injected.load("original/it/jndi.bin"))) {
            assertArrayEquals(content, in.readAllBytes());
        }
        injected.delete(injected.load("original/it/jndi.bin"));
    }
}
