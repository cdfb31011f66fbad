package org.clusterio.io.fs;

import java.nio.file.Path;

import org.clusterio.api.IOService;
import org.clusterio.io.BinarydataHandler;
import org.clusterio.io.SiteIOService;
import org.clusterio.io.SiteLayout;
import org.clusterio.io.UrlPrefix;

/** Builds site IO services on the two filesystem handlers, as the subsystem wires them. */
final class FilesystemSites {

    private FilesystemSites() {
    }

    static IOService site(Path root, SiteLayout site, String urlPrefix, boolean fsync) {
        BinarydataHandler binarydata = new FilesystemBinarydataStore(root, "$var_dir$/$storage_dir$/", PosixPermissions.fromOctal("0640"),
                PosixPermissions.fromOctal("0750"), fsync).forSite(site);
        return new SiteIOService(site, UrlPrefix.of(site.expand(urlPrefix)), StoreDerivedMetadataHandler.PROVIDER.forSite(site, binarydata), binarydata);
    }

    static IOService site(Path root, String name) {
        return site(root, new SiteLayout(name, "var/" + name, "storage"), "$var_dir$/$storage_dir$", false);
    }
}
