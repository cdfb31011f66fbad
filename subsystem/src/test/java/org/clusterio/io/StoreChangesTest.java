package org.clusterio.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.clusterio.api.BinaryFileCreateStruct;
import org.clusterio.api.InvalidBinaryFileIdException;
import org.clusterio.io.fs.FilesystemBinarydataStore;
import org.clusterio.io.fs.PosixPermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A site tells its listener (its HTTP cache) of every change, by store-level name, before the change returns. */
class StoreChangesTest {

    private static final SiteLayout SITE = new SiteLayout("site", "var/site", "storage");

    @TempDir
    Path storage;

    @Test
    void createsReplacesAndDeletesAreToldByInternalPath() {
        List<String> told = new CopyOnWriteArrayList<>();
        StoreChangeListener listener = new StoreChangeListener() {
            @Override
            public void fileChanged(String internalPath) {
                told.add("file " + internalPath);
            }

            @Override
            public void directoryDeleted(String internalPath) {
                told.add("directory " + internalPath);
            }
        };
        BinarydataHandler binarydata = new FilesystemBinarydataStore(storage, "$var_dir$/$storage_dir$/", PosixPermissions.fromOctal("0640"),
                PosixPermissions.fromOctal("0750"), false).forSite(SITE);
        SiteIOService site = new SiteIOService(SITE, UrlPrefix.of("var/site/storage"), new BinaryStoreMetadataHandler(binarydata), binarydata, listener);

        site.create(struct("images/1/a.jpg"));
        site.create(struct("images/1/a.jpg"));
        site.delete(site.load("images/1/a.jpg"));
        site.create(struct("images/1/b.jpg"));
        site.deleteDirectory("images/1/");
        assertThrows(InvalidBinaryFileIdException.class, () -> site.create(struct("../escape.jpg")));

        assertEquals(List.of("file var/site/storage/images/1/a.jpg", "file var/site/storage/images/1/a.jpg", "file var/site/storage/images/1/a.jpg",
                "file var/site/storage/images/1/b.jpg", "directory var/site/storage/images/1"), told, "nothing for a refused id");
    }

    private static BinaryFileCreateStruct struct(String id) {
        return BinaryFileCreateStruct.of(id, new ByteArrayInputStream("bytes".getBytes(StandardCharsets.UTF_8)));
    }
}
