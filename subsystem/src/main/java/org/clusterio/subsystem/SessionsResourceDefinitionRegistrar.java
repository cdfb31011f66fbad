package org.clusterio.subsystem;

import java.util.List;

import org.clusterio.sessions.SessionsMode;
import org.clusterio.sessions.SharedSessions;
import org.clusterio.spi.ClusterIOServiceDescriptor;
import org.clusterio.spi.WildFlyServiceDescriptor;
import org.jboss.as.controller.AttributeDefinition;
import org.jboss.as.controller.OperationContext;
import org.jboss.as.controller.OperationFailedException;
import org.jboss.as.controller.PathElement;
import org.jboss.as.controller.ResourceRegistration;
import org.jboss.as.controller.SimpleAttributeDefinition;
import org.jboss.as.controller.capability.RuntimeCapability;
import org.jboss.as.controller.registry.ManagementResourceRegistration;
import org.jboss.dmr.ModelNode;
import org.wildfly.subsystem.resource.ChildResourceDefinitionRegistrar;
import org.wildfly.subsystem.resource.ManagementResourceRegistrationContext;
import org.wildfly.subsystem.resource.capability.CapabilityReference;
import org.wildfly.subsystem.resource.capability.CapabilityReferenceAttributeDefinition;
import org.wildfly.subsystem.resource.operation.ResourceOperationRuntimeHandler;
import org.wildfly.subsystem.service.ResourceServiceConfigurator;
import org.wildfly.subsystem.service.ResourceServiceInstaller;
import org.wildfly.subsystem.service.capability.CapabilityServiceInstaller;

/**
 * {@code /subsystem=cluster-io/sessions=*}: gives web deployments HTTP sessions shared by the cluster, without
 * {@code <distributable/>} in their web.xml, kept by a distributable-web session management profile, in the
 * locking or the sticky mode. Deployments use {@code default} unless their context parameter
 * {@code org.clusterio.sessions} names another, or {@code none}. Changes take effect after a reload.
 */
public final class SessionsResourceDefinitionRegistrar implements ChildResourceDefinitionRegistrar, ResourceServiceConfigurator {

    static final ResourceRegistration REGISTRATION = ResourceRegistration.of(PathElement.pathElement("sessions"));

    static final RuntimeCapability<Void> CAPABILITY = RuntimeCapability.Builder.of(ClusterIOServiceDescriptor.SESSIONS).build();

    /** {@code LOCKING} or {@code STICKY}; the lower-case spelling of earlier releases is accepted and stored as the name. */
    static final SimpleAttributeDefinition MODE = EnumAttributes.optional("mode", SessionsMode.LOCKING);

    /** Optional: when undefined, the layer's profile for the mode, cluster-io-locking or cluster-io-sticky. */
    static final CapabilityReferenceAttributeDefinition<Object> SESSION_MANAGEMENT = new CapabilityReferenceAttributeDefinition.Builder<>("session-management",
            CapabilityReference.builder(CAPABILITY, WildFlyServiceDescriptor.SESSION_MANAGEMENT_PROVIDER).build())
            .setRequired(false)
            .build();

    static final List<AttributeDefinition> ATTRIBUTES = List.of(MODE, SESSION_MANAGEMENT);

    @Override
    public ManagementResourceRegistration register(ManagementResourceRegistration parent, ManagementResourceRegistrationContext context) {
        return ChildResourceRegistration.register(parent, REGISTRATION, descriptor -> ChildResourceRegistration.takingEffectOnReload(descriptor)
                .addAttributes(ATTRIBUTES)
                .addCapability(CAPABILITY)
                .withRuntimeHandler(ResourceOperationRuntimeHandler.configureService(this)));
    }

    @Override
    public ResourceServiceInstaller configure(OperationContext context, ModelNode model) throws OperationFailedException {
        SessionsMode mode = EnumAttributes.resolve(MODE, SessionsMode.class, context, model);
        ModelNode profile = SESSION_MANAGEMENT.resolveModelAttribute(context, model);
        SharedSessions sessions = SharedSessions.of(context.getCurrentAddressValue(), mode, profile.isDefined() ? profile.asString() : mode.defaultSessionManagement());
        return CapabilityServiceInstaller.builder(CAPABILITY, sessions).build();
    }
}
