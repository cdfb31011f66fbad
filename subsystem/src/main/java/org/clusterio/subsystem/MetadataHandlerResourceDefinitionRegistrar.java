package org.clusterio.subsystem;

import java.util.List;

import org.clusterio.spi.ClusterIOServiceDescriptor;
import org.clusterio.io.MetadataStore;
import org.jboss.as.controller.AttributeDefinition;
import org.jboss.as.controller.ResourceRegistration;
import org.jboss.as.controller.capability.RuntimeCapability;
import org.wildfly.subsystem.service.capture.ServiceValueExecutorRegistry;

/**
 * The metadata handlers ({@code filesystem-metadata-handler}, {@code dfs-metadata-handler}): one capability for the
 * family, so that a site names its metadata handler whatever its type, and two handlers of the family cannot share
 * a name.
 */
abstract class MetadataHandlerResourceDefinitionRegistrar extends HandlerResourceDefinitionRegistrar<MetadataStore> {

    static final RuntimeCapability<Void> CAPABILITY = RuntimeCapability.Builder.of(ClusterIOServiceDescriptor.METADATA_HANDLER).build();

    MetadataHandlerResourceDefinitionRegistrar(ResourceRegistration registration, List<AttributeDefinition> attributes,
            ServiceValueExecutorRegistry<MetadataStore> running) {
        super(registration, CAPABILITY, ClusterIOServiceDescriptor.METADATA_HANDLER, attributes, running);
    }
}
