package org.clusterio.subsystem;

import java.util.List;

import org.clusterio.io.BinaryStoreMetadataHandler;
import org.clusterio.io.ErrorCountingStores;
import org.clusterio.io.MetadataStore;
import org.jboss.as.controller.OperationContext;
import org.jboss.as.controller.PathElement;
import org.jboss.as.controller.ResourceRegistration;
import org.jboss.dmr.ModelNode;
import org.wildfly.subsystem.service.capability.CapabilityServiceInstaller;
import org.wildfly.subsystem.service.capture.ServiceValueExecutorRegistry;

/**
 * {@code /subsystem=cluster-io/filesystem-metadata-handler=*}: metadata read from the site's binarydata store
 * itself, for sites that keep no shared metadata table. It has no attributes: it reads whichever store the site
 * that uses it names.
 */
public final class FilesystemMetadataHandlerResourceDefinitionRegistrar extends MetadataHandlerResourceDefinitionRegistrar {

    static final ResourceRegistration REGISTRATION = ResourceRegistration.of(PathElement.pathElement("filesystem-metadata-handler"));

    FilesystemMetadataHandlerResourceDefinitionRegistrar(ServiceValueExecutorRegistry<MetadataStore> running) {
        super(REGISTRATION, List.of(), running);
    }

    @Override
    CapabilityServiceInstaller.Builder<?, MetadataStore> service(OperationContext context, ModelNode model) {
        return CapabilityServiceInstaller.builder(CAPABILITY, ErrorCountingStores.of(BinaryStoreMetadataHandler.STORE));
    }
}
