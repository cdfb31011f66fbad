package org.clusterio.subsystem;

import java.util.List;
import java.util.function.ToLongFunction;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.clusterio.api.IOService;
import org.clusterio.api.ServingPolicy;
import org.clusterio.spi.ClusterIOServiceDescriptor;
import org.clusterio.web.ResponseStatistics;
import org.clusterio.web.StorageFilter;
import org.jboss.as.controller.capability.RuntimeCapability;
import org.wildfly.subsystem.resource.capability.CapabilityReference;
import org.wildfly.subsystem.resource.capability.CapabilityReferenceListAttributeDefinition;
import org.jboss.as.controller.AttributeDefinition;
import org.jboss.as.controller.OperationContext;
import org.jboss.as.controller.OperationFailedException;
import org.jboss.as.controller.PathElement;
import org.jboss.as.controller.ResourceRegistration;
import org.jboss.as.controller.SimpleAttributeDefinition;
import org.jboss.as.controller.SimpleAttributeDefinitionBuilder;
import org.jboss.as.controller.StringListAttributeDefinition;
import org.jboss.as.controller.client.helpers.MeasurementUnit;
import org.jboss.as.controller.operations.validation.LongRangeValidator;
import org.jboss.as.controller.registry.ManagementResourceRegistration;
import org.jboss.dmr.ModelNode;
import org.jboss.dmr.ModelType;
import org.wildfly.service.capture.FunctionExecutor;
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
 * {@code /subsystem=cluster-io/storage-filter=*}: serves the storage URIs of every web deployment from the cluster
 * storage, in front of the deployment's own servlets and filters (Ibexa DXP's web server rewrite rule, done inside
 * WildFly). Its capability's value is its configuration, which the subsystem resource collects for web deployments,
 * and the count of its responses, which are metrics. Changes take effect after a reload.
 */
public final class StorageFilterResourceDefinitionRegistrar implements ChildResourceDefinitionRegistrar, ResourceServiceConfigurator {

    static final ResourceRegistration REGISTRATION = ResourceRegistration.of(PathElement.pathElement("storage-filter"));

    static final SimpleAttributeDefinition PATTERN = new SimpleAttributeDefinitionBuilder("pattern", ModelType.STRING)
            .setRequired(false)
            .setAllowExpression(true)
            .setDefaultValue(new ModelNode(StorageFilter.DEFAULT_PATTERN))
            .setValidator(new StorageFilterAttributeValidators.RegularExpressionValidator())
            .setRestartAllServices()
            .build();

    static final SimpleAttributeDefinition MAX_AGE = seconds("max-age", 86_400);
    static final SimpleAttributeDefinition IMMUTABLE_MAX_AGE = seconds("immutable-max-age", 31_536_000);

    static final SimpleAttributeDefinition ENABLED = new SimpleAttributeDefinitionBuilder("enabled", ModelType.BOOLEAN)
            .setRequired(false)
            .setAllowExpression(true)
            .setDefaultValue(ModelNode.TRUE)
            .setRestartAllServices()
            .build();

    /** Types a browser may render in place; any other type is sent as an attachment. */
    static final StringListAttributeDefinition INLINE_TYPES = new StringListAttributeDefinition.Builder("inline-types")
            .setRequired(false)
            .setAllowExpression(true)
            .setDefaultValue(defaultInlineTypes())
            .setElementValidator(new StorageFilterAttributeValidators.InlineTypeValidator())
            .setRestartAllServices()
            .build();

    /** Sent with every response of the filter; the empty text sends none. */
    static final SimpleAttributeDefinition CONTENT_SECURITY_POLICY = new SimpleAttributeDefinitionBuilder("content-security-policy", ModelType.STRING)
            .setRequired(false)
            .setAllowExpression(true)
            .setDefaultValue(new ModelNode(ServingPolicy.DEFAULT_CONTENT_SECURITY_POLICY))
            .setValidator(new StorageFilterAttributeValidators.ContentSecurityPolicyValidator())
            .setRestartAllServices()
            .build();

    static final RuntimeCapability<Void> CAPABILITY = RuntimeCapability.Builder.of(ClusterIOServiceDescriptor.STORAGE_FILTER).build();

    /** Site names; a name that is not a site fails at add. Without any, the filter serves every site's URIs. */
    static final CapabilityReferenceListAttributeDefinition<IOService> SITES = new CapabilityReferenceListAttributeDefinition.Builder<>("sites",
            CapabilityReference.builder(CAPABILITY, ClusterIOServiceDescriptor.SITE).build())
            .setRequired(false)
            .build();

    static final List<AttributeDefinition> ATTRIBUTES = List.of(PATTERN, MAX_AGE, IMMUTABLE_MAX_AGE, ENABLED, SITES, INLINE_TYPES,
            CONTENT_SECURITY_POLICY);

    private static ModelNode defaultInlineTypes() {
        ModelNode types = new ModelNode().setEmptyList();
        ServingPolicy.DEFAULT_INLINE_TYPES.forEach(types::add);
        return types;
    }

    private static SimpleAttributeDefinition seconds(String name, long defaultValue) {
        return new SimpleAttributeDefinitionBuilder(name, ModelType.LONG)
                .setRequired(false)
                .setAllowExpression(true)
                .setDefaultValue(new ModelNode(defaultValue))
                .setValidator(new LongRangeValidator(0, Integer.MAX_VALUE, true, true))
                .setMeasurementUnit(org.jboss.as.controller.client.helpers.MeasurementUnit.SECONDS)
                .setRestartAllServices()
                .build();
    }

    /** What the filter answered, over every deployment, since it started. */
    enum ResponseMetric implements Metric<ResponseStatistics> {
        SUCCESSFUL("responses-2xx", MeasurementUnit.NONE, statistics -> statistics.responses(2)),
        REDIRECTION("responses-3xx", MeasurementUnit.NONE, statistics -> statistics.responses(3)),
        CLIENT_ERROR("responses-4xx", MeasurementUnit.NONE, statistics -> statistics.responses(4)),
        SERVER_ERROR("responses-5xx", MeasurementUnit.NONE, statistics -> statistics.responses(5)),
        BYTES_SENT("bytes-sent", MeasurementUnit.BYTES, ResponseStatistics::bytesSent);

        private final AttributeDefinition definition;
        private final ToLongFunction<ResponseStatistics> value;

        ResponseMetric(String name, MeasurementUnit unit, ToLongFunction<ResponseStatistics> value) {
            this.definition = MetricDefinitions.longMetric(name, true, unit);
            this.value = value;
        }

        @Override
        public AttributeDefinition get() {
            return definition;
        }

        @Override
        public ModelNode execute(ResponseStatistics statistics) {
            return new ModelNode(value.applyAsLong(statistics));
        }
    }

    /** The filters of this server that are running: what the metrics read. */
    private final ServiceValueExecutorRegistry<StorageFilter> running = ServiceValueExecutorRegistry.newInstance();

    @Override
    public ManagementResourceRegistration register(ManagementResourceRegistration parent, ManagementResourceRegistrationContext context) {
        ManagementResourceRegistration registration = ChildResourceRegistration.register(parent, REGISTRATION, descriptor -> ChildResourceRegistration.takingEffectOnReload(descriptor)
                .addAttributes(ATTRIBUTES)
                .addCapability(CAPABILITY)
                .withRuntimeHandler(ResourceOperationRuntimeHandler.configureService(this)));
        if (context.isRuntimeOnlyRegistrationValid()) {
            new MetricOperationStepHandler<>(this::metric, ResponseMetric.class).register(registration);
        }
        return registration;
    }

    @Override
    public ResourceServiceInstaller configure(OperationContext context, ModelNode model) throws OperationFailedException {
        String name = context.getCurrentAddressValue();
        return CapabilityServiceInstaller.builder(CAPABILITY, filter(context, name, model))
                .withCaptor(running.add(ServiceDependency.on(ClusterIOServiceDescriptor.STORAGE_FILTER, name)))
                .build();
    }

    /** Metrics of a filter that is not running are undefined. */
    private ModelNode metric(OperationContext context, Metric<ResponseStatistics> metric) throws OperationFailedException {
        FunctionExecutor<StorageFilter> filter = running.getExecutor(ServiceDependency.on(ClusterIOServiceDescriptor.STORAGE_FILTER, context.getCurrentAddressValue()));
        return filter == null ? null : filter.execute(new MetricFunction<>(StorageFilter::statistics, metric));
    }

    private static StorageFilter filter(OperationContext context, String name, ModelNode model) throws OperationFailedException {
        return StorageFilter.of(name, Pattern.compile(PATTERN.resolveModelAttribute(context, model).asString()),
                MAX_AGE.resolveModelAttribute(context, model).asLong(), IMMUTABLE_MAX_AGE.resolveModelAttribute(context, model).asLong(),
                ENABLED.resolveModelAttribute(context, model).asBoolean(),
                SITES.unwrap(context, model).stream().collect(Collectors.toSet()),
                new ServingPolicy(INLINE_TYPES.unwrap(context, model), CONTENT_SECURITY_POLICY.resolveModelAttribute(context, model).asString()));
    }
}
