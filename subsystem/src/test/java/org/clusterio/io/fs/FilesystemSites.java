package org.clusterio.io.fs;

import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

import org.clusterio.api.IOService;
import org.clusterio.io.BinaryStoreMetadataHandler;
import org.clusterio.io.BinarydataHandler;
import org.clusterio.io.SiteIOService;
import org.clusterio.io.SiteLayout;
import org.clusterio.io.UrlPrefix;

/** Builds site IO services on the two filesystem handlers, as the subsystem wires them. */
final class FilesystemSites {

    private FilesystemSites() {
    }

    static IOService site(Path root, SiteLayout site, String urlPrefix, boolean fsync) {
        return site(root, site, urlPrefix, fsync, PosixPermissions.fromOctal("0750"));
    }

    static IOService site(Path root, SiteLayout site, String urlPrefix, boolean fsync, Set<PosixFilePermission> directoryPermissions) {
        BinarydataHandler binarydata = new FilesystemBinarydataStore(root, "$var_dir$/$storage_dir$/", PosixPermissions.fromOctal("0640"),
                directoryPermissions, fsync).forSite(site);
        return new SiteIOService(site, UrlPrefix.of(site.expand(urlPrefix)), BinaryStoreMetadataHandler.STORE.forSite(site, binarydata), binarydata);
    }

    static IOService site(Path root, String name) {
        return site(root, new SiteLayout(name, "var/" + name, "storage"), "$var_dir$/$storage_dir$", false);
    }
}
