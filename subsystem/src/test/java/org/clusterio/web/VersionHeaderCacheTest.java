package org.clusterio.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;

import org.clusterio.api.BinaryFile;
import org.clusterio.api.BinaryFileCreateStruct;
import org.clusterio.api.ServingPolicy;
import org.clusterio.httpcache.CacheTags;
import org.clusterio.io.BinaryStoreMetadataHandler;
import org.clusterio.io.BinarydataHandler;
import org.clusterio.io.OpenedBinary;
import org.clusterio.io.SiteIOService;
import org.clusterio.io.SiteLayout;
import org.clusterio.io.UrlPrefix;
import org.clusterio.io.fs.FilesystemBinarydataStore;
import org.clusterio.io.fs.PosixPermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Header values made once per version of a file, on real files of a filesystem store. */
class VersionHeaderCacheTest {

    private static final SiteLayout SITE = new SiteLayout("site", "var/site", "storage");
    private static final String ROOT = "var/site/storage";

    @TempDir
    Path storage;

    private SiteIOService site;
    private final VersionHeaderCache cache = new VersionHeaderCache(ServingPolicy.DEFAULT);

    @BeforeEach
    void store() {
        BinarydataHandler binarydata = new FilesystemBinarydataStore(storage, "$var_dir$/$storage_dir$/", PosixPermissions.fromOctal("0640"),
                PosixPermissions.fromOctal("0750"), false).forSite(SITE);
        site = new SiteIOService(SITE, UrlPrefix.of(ROOT), new BinaryStoreMetadataHandler(binarydata), binarydata);
    }

    @Test
    void theValuesAreThoseOfTheOpenedBytes() {
        BinaryFile file = write("images/a/x.jpg", "first");
        try (OpenedBinary opened = site.openForServing(file)) {
            VersionHeaders headers = cache.of(ROOT, file.id(), "image/jpeg", opened);
            assertEquals(EntityTags.of(opened), headers.etag());
            assertEquals(Instant.ofEpochSecond(opened.lastModified().getEpochSecond()), headers.lastModified());
            assertEquals(HttpDates.format(headers.lastModified()), headers.lastModifiedHeader());
            assertEquals("image/jpeg", headers.contentType());
            assertFalse(headers.attachment());
            assertEquals(String.join(" ", CacheTags.ofFile(ROOT, "images/a/x.jpg")), headers.cacheTags());
        }
    }

    @Test
    void oneVersionIsComputedOnceAndAReplacedFileGetsItsOwn() {
        BinaryFile first = write("images/x.jpg", "first");
        VersionHeaders once;
        try (OpenedBinary opened = site.openForServing(first)) {
            once = cache.of(ROOT, first.id(), "image/jpeg", opened);
        }
        try (OpenedBinary again = site.openForServing(first)) {
            assertSame(once, cache.of(ROOT, first.id(), "image/jpeg", again), "the same version: the values made before");
        }
        BinaryFile replaced = write("images/x.jpg", "replaced, longer");
        try (OpenedBinary opened = site.openForServing(replaced)) {
            VersionHeaders next = cache.of(ROOT, replaced.id(), "image/jpeg", opened);
            assertNotEquals(once.etag(), next.etag());
            assertEquals(EntityTags.of(opened), next.etag());
        }
        assertEquals(1, cache.size(), "one entry per file");
    }

    @Test
    void aRecordOfAnotherTypeIsAnotherEntryAndATypeNotInlineIsAnAttachment() {
        BinaryFile file = write("images/x.jpg", "bytes");
        try (OpenedBinary opened = site.openForServing(file)) {
            VersionHeaders jpeg = cache.of(ROOT, file.id(), "image/jpeg", opened);
            VersionHeaders html = cache.of(ROOT, file.id(), "text/html", opened);
            assertEquals("text/html", html.contentType());
            assertTrue(html.attachment());
            assertNotEquals(jpeg, html);
        }
    }

    @Test
    void itStartsAgainEmptyWhenFull() {
        BinaryFile file = write("images/x.jpg", "bytes");
        try (OpenedBinary opened = site.openForServing(file)) {
            for (int i = 0; i < VersionHeaderCache.MAX_ENTRIES; i++) {
                cache.of(ROOT, "images/" + i + ".jpg", "image/jpeg", opened);
            }
            assertEquals(VersionHeaderCache.MAX_ENTRIES, cache.size());
            cache.of(ROOT, file.id(), "image/jpeg", opened);
            assertEquals(1, cache.size());
        }
    }

    private BinaryFile write(String id, String content) {
        return site.create(BinaryFileCreateStruct.of(id, new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8))));
    }
}
