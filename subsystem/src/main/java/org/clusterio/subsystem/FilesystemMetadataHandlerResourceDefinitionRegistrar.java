package org.clusterio.subsystem;

import org.clusterio.io.BinaryStoreMetadataHandler;
import org.clusterio.io.MetadataStore;
import org.clusterio.spi.ClusterIOServiceDescriptor;
import org.jboss.as.controller.OperationContext;
import org.jboss.as.controller.PathElement;
import org.jboss.as.controller.ResourceRegistration;
import org.jboss.as.controller.capability.RuntimeCapability;
import org.jboss.as.controller.registry.ManagementResourceRegistration;
import org.jboss.dmr.ModelNode;
import org.wildfly.subsystem.resource.ChildResourceDefinitionRegistrar;
import org.wildfly.subsystem.resource.ManagementResourceRegistrationContext;
import org.wildfly.subsystem.resource.operation.ResourceOperationRuntimeHandler;
import org.wildfly.subsystem.service.ResourceServiceConfigurator;
import org.wildfly.subsystem.service.ResourceServiceInstaller;
import org.wildfly.subsystem.service.capability.CapabilityServiceInstaller;

/**
 * {@code /subsystem=cluster-io/filesystem-metadata-handler=*}: metadata read from the site's binarydata store
 * itself, for sites that keep no shared metadata table. It has no attributes: it reads whichever store the site
 * that uses it names.
 */
public final class FilesystemMetadataHandlerResourceDefinitionRegistrar implements ChildResourceDefinitionRegistrar, ResourceServiceConfigurator {

    private final RunningValues<MetadataStore> running;

    FilesystemMetadataHandlerResourceDefinitionRegistrar(RunningValues<MetadataStore> running) {
        this.running = running;
    }

    static final ResourceRegistration REGISTRATION = ResourceRegistration.of(PathElement.pathElement("filesystem-metadata-handler"));

    static final RuntimeCapability<Void> CAPABILITY = RuntimeCapability.Builder.of(ClusterIOServiceDescriptor.METADATA_HANDLER).build();

    @Override
    public ManagementResourceRegistration register(ManagementResourceRegistration parent, ManagementResourceRegistrationContext context) {
        return ChildResources.register(parent, REGISTRATION, descriptor -> descriptor
                .addCapability(CAPABILITY)
                .withRuntimeHandler(ResourceOperationRuntimeHandler.configureService(this)));
    }

    @Override
    public ResourceServiceInstaller configure(OperationContext context, ModelNode model) {
        return CapabilityServiceInstaller.builder(CAPABILITY, (MetadataStore) BinaryStoreMetadataHandler.STORE)
                .withCaptor(running.captor(context.getCurrentAddressValue()))
                .asActive() // running whether a site uses it or not: migrate-files may copy from or to it
                .build();
    }
}
