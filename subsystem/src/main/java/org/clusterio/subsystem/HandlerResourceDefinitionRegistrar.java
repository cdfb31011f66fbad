package org.clusterio.subsystem;

import java.util.List;
import java.util.Map;

import org.clusterio.io.BackendErrors;
import org.clusterio.io.ErrorCountingStores;
import org.clusterio.health.ReadinessChecks;
import org.clusterio.io.ReadinessProbe;
import org.jboss.as.controller.AttributeDefinition;
import org.jboss.as.controller.OperationContext;
import org.jboss.as.controller.OperationFailedException;
import org.jboss.as.controller.ResourceRegistration;
import org.jboss.as.controller.capability.RuntimeCapability;
import org.jboss.as.controller.registry.ManagementResourceRegistration;
import org.jboss.dmr.ModelNode;
import org.wildfly.service.capture.FunctionExecutor;
import org.wildfly.service.descriptor.UnaryServiceDescriptor;
import org.wildfly.subsystem.resource.ChildResourceDefinitionRegistrar;
import org.wildfly.subsystem.resource.ManagementResourceRegistrationContext;
import org.wildfly.subsystem.resource.executor.Metric;
import org.wildfly.subsystem.resource.executor.MetricFunction;
import org.wildfly.subsystem.resource.executor.MetricOperationStepHandler;
import org.wildfly.subsystem.resource.operation.ResourceOperationRuntimeHandler;
import org.wildfly.subsystem.service.ResourceServiceConfigurator;
import org.wildfly.subsystem.service.ResourceServiceInstaller;
import org.wildfly.subsystem.service.ServiceDependency;
import org.wildfly.subsystem.service.capability.CapabilityServiceInstaller;
import org.wildfly.subsystem.service.capture.ServiceValueExecutorRegistry;

/**
 * What every handler resource shares, whatever its family: one capability, a service that runs whether a site uses
 * the handler or not ({@code migrate-files} may copy from or to any handler), and a value that the subsystem's
 * operations reach through a registry of this server's running handlers, and a metric: the failures of its storage
 * (see {@link BackendErrors}), which the value counts. Each registrar says only how its service is built.
 *
 * @param <P> the value of the handler's service: what sites and migrations ask for their own handler
 */
abstract class HandlerResourceDefinitionRegistrar<P> implements ChildResourceDefinitionRegistrar, ResourceServiceConfigurator {

    private final ResourceRegistration registration;
    private final RuntimeCapability<Void> capability;
    private final UnaryServiceDescriptor<P> descriptor;
    private final List<AttributeDefinition> attributes;
    private final ServiceValueExecutorRegistry<P> running;

    HandlerResourceDefinitionRegistrar(ResourceRegistration registration, RuntimeCapability<Void> capability, UnaryServiceDescriptor<P> descriptor,
            List<AttributeDefinition> attributes, ServiceValueExecutorRegistry<P> running) {
        this.registration = registration;
        this.capability = capability;
        this.descriptor = descriptor;
        this.attributes = attributes;
        this.running = running;
    }

    /** What the handler's storage did since the handler started. */
    enum HandlerMetric implements Metric<BackendErrors> {
        BACKEND_ERRORS("backend-errors");

        private final AttributeDefinition definition;

        HandlerMetric(String name) {
            this.definition = MetricDefinitions.longMetric(name, true);
        }

        @Override
        public AttributeDefinition get() {
            return definition;
        }

        @Override
        public ModelNode execute(BackendErrors errors) {
            return new ModelNode(errors.count());
        }
    }

    @Override
    public final ManagementResourceRegistration register(ManagementResourceRegistration parent, ManagementResourceRegistrationContext context) {
        ManagementResourceRegistration registered = ChildResourceRegistration.register(parent, registration, resource -> resource
                .addAttributes(attributes)
                .addCapability(capability)
                .withRuntimeHandler(ResourceOperationRuntimeHandler.configureService(this)));
        if (context.isRuntimeOnlyRegistrationValid()) {
            new MetricOperationStepHandler<>(this::metric, HandlerMetric.class).register(registered);
        }
        return registered;
    }

    /** Metrics of a handler that is not running (stopped, or failed to start) are undefined. */
    private ModelNode metric(OperationContext context, Metric<BackendErrors> metric) throws OperationFailedException {
        FunctionExecutor<P> handler = running.getExecutor(ServiceDependency.on(descriptor, context.getCurrentAddressValue()));
        return handler == null ? null : handler.execute(new MetricFunction<>(store -> ((BackendErrors.Counted) store).backendErrors(), metric));
    }

    @Override
    public final ResourceServiceInstaller configure(OperationContext context, ModelNode model) throws OperationFailedException {
        String name = context.getCurrentAddressValue();
        ResourceServiceInstaller handler = service(context, model)
                .withCaptor(running.add(ServiceDependency.on(descriptor, name)))
                .asActive()
                .build();
        ServiceDependency<? extends ReadinessProbe> probe = readinessProbe(context, model);
        if (probe == null) {
            return handler;
        }
        // Named by the handler's type and name: cluster-io-dfs-<name>, cluster-io-filesystem-<name>, cluster-io-s3-<name>.
        String type = registration.getPathElement().getKey();
        String check = "cluster-io-" + type.substring(0, type.indexOf('-')) + "-" + name;
        return ResourceServiceInstaller.combine(handler, ReadinessChecks.installer(context, capability, check, Map.of(type, name), probe));
    }

    /**
     * @return what the handler's readiness check on {@code /health/ready} probes, by default the handler's own value
     *         if it is a {@link ReadinessProbe}; null for a handler with nothing of its own to check
     */
    ServiceDependency<? extends ReadinessProbe> readinessProbe(OperationContext context, ModelNode model) throws OperationFailedException {
        return null;
    }

    /** @return the handler's own value, as its readiness probe */
    final ServiceDependency<ReadinessProbe> ownValueAsProbe(OperationContext context) {
        return ServiceDependency.on(descriptor, context.getCurrentAddressValue()).map(value -> (ReadinessProbe) ErrorCountingStores.unwrapped(value));
    }

    /** @return the handler's service, from the resource's model, before it is captured and made active */
    abstract CapabilityServiceInstaller.Builder<?, P> service(OperationContext context, ModelNode model) throws OperationFailedException;
}
