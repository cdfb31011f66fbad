package org.clusterio.subsystem;

import java.util.function.UnaryOperator;

import org.jboss.as.controller.ResourceDefinition;
import org.jboss.as.controller.ResourceRegistration;
import org.jboss.as.controller.descriptions.ResourceDescriptionResolver;
import org.jboss.as.controller.registry.ManagementResourceRegistration;
import org.jboss.as.controller.registry.OperationEntry;
import org.wildfly.subsystem.resource.ManagementResourceRegistrar;
import org.wildfly.subsystem.resource.ResourceDescriptor;

/** The registration steps every child resource of the subsystem shares; each registrar says only what differs. */
final class ChildResourceRegistration {

    private ChildResourceRegistration() {
    }

    /**
     * Registers the child resource below the subsystem, with descriptions from LocalDescriptions.properties under
     * {@code cluster-io.<type>}.
     */
    static ManagementResourceRegistration register(ManagementResourceRegistration parent, ResourceRegistration registration,
            UnaryOperator<ResourceDescriptor.Builder> descriptor) {
        ResourceDescriptionResolver resolver = ClusterIOSubsystemResourceDefinitionRegistrar.RESOLVER.createChildResolver(registration.getPathElement());
        ManagementResourceRegistration child = parent.registerSubModel(ResourceDefinition.builder(registration, resolver).build());
        ManagementResourceRegistrar.of(descriptor.apply(ResourceDescriptor.builder(resolver)).build()).register(child);
        return child;
    }

    /**
     * For resources that deployments take up when they deploy (sites, storage filters, sessions): adding or removing
     * one takes effect after a reload.
     */
    static ResourceDescriptor.Builder takingEffectOnReload(ResourceDescriptor.Builder descriptor) {
        return descriptor.withAddOperationRestartFlag(OperationEntry.Flag.RESTART_ALL_SERVICES)
                .withRemoveOperationRestartFlag(OperationEntry.Flag.RESTART_ALL_SERVICES);
    }
}
