package org.clusterio.io;

import java.util.Objects;

import org.clusterio.api.InvalidBinaryFileIdException;
import org.clusterio.logging.ClusterIOLogger;

/**
 * Where a site keeps its files: its var directory (such as {@code var/site}) and the storage directory inside it
 * (such as {@code storage}). Path templates, internal paths and URIs are derived from these two values.
 */
public record SiteLayout(String name, String varDir, String storageDir) {

    public static final String VAR_DIR_PLACEHOLDER = "$var_dir$";
    public static final String STORAGE_DIR_PLACEHOLDER = "$storage_dir$";

    public SiteLayout {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(varDir, "varDir");
        Objects.requireNonNull(storageDir, "storageDir");
    }

    /** Replaces the placeholders {@code $var_dir$} and {@code $storage_dir$} in a template. */
    public String expand(String template) {
        return template.replace(VAR_DIR_PLACEHOLDER, varDir).replace(STORAGE_DIR_PLACEHOLDER, storageDir);
    }

    /** {@code <var-dir>/<storage-dir>/}: what the shared metadata table and NFS tree put before every id. */
    public String internalPrefix() {
        return storageRoot() + "/";
    }

    /** {@code <var-dir>/<storage-dir>}: the site's storage directory by its internal path, such as {@code var/site/storage}. */
    public String storageRoot() {
        return varDir + "/" + storageDir;
    }

    public String internalPath(String id) {
        return internalPrefix() + id;
    }

    /** @throws InvalidBinaryFileIdException if the path is not inside this site's storage directory */
    public String externalPath(String internalPath) {
        String prefix = internalPrefix();
        if (internalPath == null || !internalPath.startsWith(prefix)) {
            throw ClusterIOLogger.ROOT_LOGGER.internalPathOutsideSite(internalPath, prefix, name);
        }
        return internalPath.substring(prefix.length());
    }
}
