package org.clusterio.migration;

import org.clusterio.io.BinarydataHandler;
import org.clusterio.io.BinarydataStore;
import org.clusterio.io.MetadataStore;
import org.clusterio.io.SiteLayout;
import org.clusterio.logging.ClusterIOLogger;
import org.clusterio.spi.ClusterIOServiceDescriptor;
import org.jboss.as.controller.OperationFailedException;
import org.wildfly.service.capture.FunctionExecutor;
import org.wildfly.service.descriptor.UnaryServiceDescriptor;
import org.wildfly.subsystem.service.ServiceDependency;
import org.wildfly.subsystem.service.capture.FunctionExecutorRegistry;

/**
 * The handlers running on this server, by name, for the operations that work on a store's data (migrate-files, the
 * integrity check and purge). A handler's value comes from the registry its service is captured in: a handler that
 * is configured but not running (added without a reload, or failed to start) is refused by name.
 */
public final class RunningHandlers {

    private final FunctionExecutorRegistry<MetadataStore> metadataHandlers;
    private final FunctionExecutorRegistry<BinarydataStore> binarydataHandlers;

    public RunningHandlers(FunctionExecutorRegistry<MetadataStore> metadataHandlers, FunctionExecutorRegistry<BinarydataStore> binarydataHandlers) {
        this.metadataHandlers = metadataHandlers;
        this.binarydataHandlers = binarydataHandlers;
    }

    /** @return the pair's handlers, opened for the site */
    public FileMigration.Handlers forSite(HandlerPair pair, SiteLayout site) throws OperationFailedException {
        MetadataStore metadata = running(metadataHandlers, ClusterIOServiceDescriptor.METADATA_HANDLER, pair.metadata());
        if (metadata == null) {
            throw ClusterIOLogger.ROOT_LOGGER.metadataHandlerNotRunning(pair.metadata());
        }
        BinarydataStore binarydataProvider = running(binarydataHandlers, ClusterIOServiceDescriptor.BINARYDATA_HANDLER, pair.binarydata());
        if (binarydataProvider == null) {
            throw ClusterIOLogger.ROOT_LOGGER.binarydataHandlerNotRunning(pair.binarydata());
        }
        BinarydataHandler binarydata = binarydataProvider.forSite(site);
        return new FileMigration.Handlers(pair.metadata(), metadata.forSite(site, binarydata), pair.binarydata(), binarydata);
    }

    /** @return the value of the named handler's service, or null while it does not run */
    private static <P> P running(FunctionExecutorRegistry<P> registry, UnaryServiceDescriptor<P> descriptor, String name) {
        FunctionExecutor<P> executor = registry.getExecutor(ServiceDependency.on(descriptor, name));
        return executor == null ? null : executor.execute(provider -> provider);
    }
}
