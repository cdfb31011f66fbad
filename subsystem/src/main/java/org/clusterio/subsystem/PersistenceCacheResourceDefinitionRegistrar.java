package org.clusterio.subsystem;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.clusterio.cache.AllowedValueClasses;
import org.clusterio.cache.ClusterViewProbe;
import org.clusterio.cache.InfinispanCaches;
import org.clusterio.cache.SharedPersistenceCache;
import org.clusterio.deployment.JndiBindingInstaller;
import org.clusterio.health.ReadinessChecks;
import org.clusterio.spi.ClusterIOServiceDescriptor;
import org.clusterio.spi.WildFlyServiceDescriptor;
import org.infinispan.configuration.cache.Configuration;
import org.infinispan.manager.EmbeddedCacheManager;
import org.jboss.as.controller.AttributeDefinition;
import org.jboss.as.controller.OperationContext;
import org.jboss.as.controller.OperationFailedException;
import org.jboss.as.controller.PathElement;
import org.jboss.as.controller.ResourceRegistration;
import org.jboss.as.controller.SimpleAttributeDefinition;
import org.jboss.as.controller.SimpleAttributeDefinitionBuilder;
import org.jboss.as.controller.StringListAttributeDefinition;
import org.jboss.as.controller.capability.RuntimeCapability;
import org.jboss.as.controller.client.helpers.MeasurementUnit;
import org.jboss.as.controller.registry.ManagementResourceRegistration;
import org.jboss.dmr.ModelNode;
import org.jboss.dmr.ModelType;
import org.wildfly.service.capture.FunctionExecutor;
import org.wildfly.subsystem.resource.ChildResourceDefinitionRegistrar;
import org.wildfly.subsystem.resource.ManagementResourceRegistrationContext;
import org.wildfly.subsystem.resource.capability.CapabilityReference;
import org.wildfly.subsystem.resource.capability.CapabilityReferenceAttributeDefinition;
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
 * {@code /subsystem=cluster-io/persistence-cache=*}: a cache shared by the cluster, for DFS lookups and applications,
 * on an Infinispan cache of its own that is built from a cache of the {@code infinispan} subsystem (a replicated one in
 * a cluster, a local one on a single server) with this resource's {@code max-entries} and {@code lifespan}. Bound in
 * JNDI at {@code java:jboss/cluster-io/persistence-cache/<name>}; its hits, misses, invalidations and entries are
 * metrics. Its {@code allowed-classes} extend the classes that applications' values may be made of (see
 * {@link AllowedValueClasses}), each pattern checked at {@code add}. Changes take effect after a reload.
 */
public final class PersistenceCacheResourceDefinitionRegistrar implements ChildResourceDefinitionRegistrar, ResourceServiceConfigurator {

    static final ResourceRegistration REGISTRATION = ResourceRegistration.of(PathElement.pathElement("persistence-cache"));

    static final String JNDI_PREFIX = "java:jboss/cluster-io/persistence-cache/";

    static final RuntimeCapability<Void> CAPABILITY = RuntimeCapability.Builder.of(ClusterIOServiceDescriptor.PERSISTENCE_CACHE).build();

    static final CapabilityReferenceAttributeDefinition<EmbeddedCacheManager> CACHE_CONTAINER = new CapabilityReferenceAttributeDefinition.Builder<>("cache-container",
            CapabilityReference.builder(CAPABILITY, WildFlyServiceDescriptor.CACHE_CONTAINER).build())
            .build();

    static final CapabilityReferenceAttributeDefinition<Configuration> CACHE = new CapabilityReferenceAttributeDefinition.Builder<>("cache",
            CapabilityReference.builder(CAPABILITY, WildFlyServiceDescriptor.CACHE_CONFIGURATION).withParentAttribute(CACHE_CONTAINER).build())
            .build();

    static final SimpleAttributeDefinition MAX_ENTRIES = new SimpleAttributeDefinitionBuilder("max-entries", ModelType.LONG)
            .setRequired(false)
            .setAllowExpression(true)
            .setDefaultValue(new ModelNode(100_000L))
            .setValidator(new AttributeValidators.PositiveOrUnlimitedValidator("for no limit"))
            .setRestartAllServices()
            .build();

    static final SimpleAttributeDefinition LIFESPAN = new SimpleAttributeDefinitionBuilder("lifespan", ModelType.LONG)
            .setRequired(false)
            .setAllowExpression(true)
            .setDefaultValue(new ModelNode(600_000L))
            .setMeasurementUnit(MeasurementUnit.MILLISECONDS)
            .setValidator(new AttributeValidators.PositiveOrUnlimitedValidator("for entries that never expire"))
            .setRestartAllServices()
            .build();

    /** Patterns of classes that application values may be made of, beyond the built-in ones (see AllowedValueClasses). */
    static final StringListAttributeDefinition ALLOWED_CLASSES = new StringListAttributeDefinition.Builder("allowed-classes")
            .setRequired(false)
            .setAllowExpression(true)
            .setElementValidator(new AttributeValidators.AllowedClassPatternValidator())
            .setRestartAllServices()
            .build();

    static final List<AttributeDefinition> ATTRIBUTES = List.of(CACHE_CONTAINER, CACHE, MAX_ENTRIES, LIFESPAN, ALLOWED_CLASSES);

    /** What this node's cache did since it started. */
    enum CacheMetric implements Metric<SharedPersistenceCache> {
        HITS("hits", true, cache -> cache.shared().statistics().hits()),
        MISSES("misses", true, cache -> cache.shared().statistics().misses()),
        INVALIDATIONS("invalidations", true, cache -> cache.shared().statistics().invalidations()),
        ENTRIES("entries", false, cache -> cache.shared().localEntries());

        private final AttributeDefinition definition;
        private final Function<SharedPersistenceCache, Long> value;

        /** @param counter whether the value only grows (a counter), or goes up and down (a gauge) */
        CacheMetric(String name, boolean counter, Function<SharedPersistenceCache, Long> value) {
            this.definition = MetricDefinitions.longMetric(name, counter);
            this.value = value;
        }

        @Override
        public AttributeDefinition get() {
            return definition;
        }

        @Override
        public ModelNode execute(SharedPersistenceCache cache) {
            return new ModelNode(value.apply(cache));
        }
    }

    /** The caches of this server that are running: what the metrics read. */
    private final ServiceValueExecutorRegistry<SharedPersistenceCache> running = ServiceValueExecutorRegistry.newInstance();

    @Override
    public ManagementResourceRegistration register(ManagementResourceRegistration parent, ManagementResourceRegistrationContext context) {
        ManagementResourceRegistration registration = ChildResourceRegistration.register(parent, REGISTRATION, descriptor -> descriptor
                .addAttributes(ATTRIBUTES)
                .addCapability(CAPABILITY)
                .withRuntimeHandler(ResourceOperationRuntimeHandler.configureService(this)));
        if (context.isRuntimeOnlyRegistrationValid()) {
            new MetricOperationStepHandler<>(this::metric, CacheMetric.class).register(registration);
        }
        return registration;
    }

    @Override
    public ResourceServiceInstaller configure(OperationContext context, ModelNode model) throws OperationFailedException {
        String name = context.getCurrentAddressValue();
        String containerName = CACHE_CONTAINER.resolveModelAttribute(context, model).asString();
        String templateName = CACHE.resolveModelAttribute(context, model).asString();
        long maxEntries = MAX_ENTRIES.resolveModelAttribute(context, model).asLong();
        long lifespan = LIFESPAN.resolveModelAttribute(context, model).asLong();
        ModelNode patterns = ALLOWED_CLASSES.resolveModelAttribute(context, model);
        AllowedValueClasses allowed = AllowedValueClasses.of(patterns.isDefined() ? patterns.asList().stream().map(ModelNode::asString).toList() : List.of());
        ServiceDependency<EmbeddedCacheManager> container = CACHE_CONTAINER.resolve(context, model);
        ServiceDependency<Configuration> template = CACHE.resolve(context, model);

        InfinispanCaches caches = new InfinispanCaches(name, containerName, templateName, maxEntries, lifespan, allowed);
        ResourceServiceInstaller service = CapabilityServiceInstaller.<SharedPersistenceCache>builder(CAPABILITY, () -> caches.start(container.get(), template.get()))
                .requires(List.of(container, template))
                .withCaptor(running.add(ServiceDependency.on(ClusterIOServiceDescriptor.PERSISTENCE_CACHE, name)))
                .onStop(caches::stop)
                .blocking() // joining a replicated cache waits for its state
                .asActive()
                .build();
        ResourceServiceInstaller binding = new JndiBindingInstaller(JNDI_PREFIX + name, CAPABILITY.getCapabilityServiceName(name));
        // The cache's container, and with cluster-io-ha the JGroups view, as a readiness check of /health/ready.
        ResourceServiceInstaller readiness = ReadinessChecks.installer(context, CAPABILITY, "cluster-io-cache-" + name, Map.of(REGISTRATION.getPathElement().getKey(), name),
                container.map(started -> new ClusterViewProbe(containerName, started)));
        return ResourceServiceInstaller.combine(service, binding, readiness);
    }

    /** Metrics of a cache that is not running (stopped, or failed to start) are undefined. */
    private ModelNode metric(OperationContext context, Metric<SharedPersistenceCache> metric) throws OperationFailedException {
        FunctionExecutor<SharedPersistenceCache> cache = running.getExecutor(ServiceDependency.on(ClusterIOServiceDescriptor.PERSISTENCE_CACHE, context.getCurrentAddressValue()));
        return cache == null ? null : cache.execute(new MetricFunction<>(Function.identity(), metric));
    }
}
