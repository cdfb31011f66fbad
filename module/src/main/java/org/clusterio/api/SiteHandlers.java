package org.clusterio.api;

import java.util.Objects;

/**
 * The management resources behind a site, for pages and diagnostics that show where its files are: each handler by its
 * resource type and name below {@code /subsystem=cluster-io}, such as {@code dfs-metadata-handler=dfs} and
 * {@code filesystem-binarydata-handler=nfs}.
 *
 * @param metadataHandlerType   such as {@code dfs-metadata-handler}
 * @param metadataHandler       the metadata handler's name, such as {@code dfs}
 * @param binarydataHandlerType such as {@code filesystem-binarydata-handler}
 * @param binarydataHandler     the binarydata handler's name, such as {@code nfs}
 */
public record SiteHandlers(String metadataHandlerType, String metadataHandler, String binarydataHandlerType, String binarydataHandler) {

    public SiteHandlers {
        Objects.requireNonNull(metadataHandlerType, "metadataHandlerType");
        Objects.requireNonNull(metadataHandler, "metadataHandler");
        Objects.requireNonNull(binarydataHandlerType, "binarydataHandlerType");
        Objects.requireNonNull(binarydataHandler, "binarydataHandler");
    }
}
