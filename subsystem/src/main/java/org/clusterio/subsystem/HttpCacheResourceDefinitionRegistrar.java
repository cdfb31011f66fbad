package org.clusterio.subsystem;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Stream;

import org.clusterio.deployment.JndiBindingInstaller;
import org.clusterio.httpcache.HttpCacheSettings;
import org.clusterio.httpcache.PurgeMode;
import org.clusterio.httpcache.PurgeStatistics;
import org.clusterio.httpcache.SharedHttpCache;
import org.clusterio.httpcache.VarnishPurger;
import org.clusterio.logging.ClusterIOLogger;
import org.clusterio.spi.ClusterIOServiceDescriptor;
import org.jboss.as.controller.AttributeDefinition;
import org.jboss.as.controller.ObjectTypeAttributeDefinition;
import org.jboss.as.controller.OperationContext;
import org.jboss.as.controller.OperationFailedException;
import org.jboss.as.controller.PathElement;
import org.jboss.as.controller.ResourceRegistration;
import org.jboss.as.controller.SimpleAttributeDefinition;
import org.jboss.as.controller.SimpleAttributeDefinitionBuilder;
import org.jboss.as.controller.StringListAttributeDefinition;
import org.jboss.as.controller.capability.RuntimeCapability;
import org.jboss.as.controller.client.helpers.MeasurementUnit;
import org.jboss.as.controller.operations.validation.IntRangeValidator;
import org.jboss.as.controller.operations.validation.LongRangeValidator;
import org.jboss.as.controller.registry.ManagementResourceRegistration;
import org.jboss.as.controller.security.CredentialReference;
import org.jboss.dmr.ModelNode;
import org.jboss.dmr.ModelType;
import org.wildfly.common.function.ExceptionSupplier;
import org.wildfly.security.credential.PasswordCredential;
import org.wildfly.security.credential.source.CredentialSource;
import org.wildfly.security.password.interfaces.ClearPassword;
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
 * {@code /subsystem=cluster-io/http-cache=*}: the Varnish servers in front of the cluster (the shipped VCL of
 * docs/varnish), purged by tag whenever a site that names this cache in its {@code http-cache} changes a file, and by
 * applications through {@code @Inject HttpCache}. Bound in JNDI at {@code java:jboss/cluster-io/http-cache/<name>};
 * what its purges did are metrics. Like the sites that use it, it takes effect after a reload.
 */
public final class HttpCacheResourceDefinitionRegistrar implements ChildResourceDefinitionRegistrar, ResourceServiceConfigurator {

    static final ResourceRegistration REGISTRATION = ResourceRegistration.of(PathElement.pathElement("http-cache"));

    static final String JNDI_PREFIX = "java:jboss/cluster-io/http-cache/";

    static final RuntimeCapability<Void> CAPABILITY = RuntimeCapability.Builder.of(ClusterIOServiceDescriptor.HTTP_CACHE).build();

    static final StringListAttributeDefinition PURGE_TARGETS = new StringListAttributeDefinition.Builder("purge-targets")
            .setRequired(true)
            .setMinSize(1)
            .setAllowExpression(true)
            .setElementValidator(new AttributeValidators.PurgeTargetValidator())
            .setRestartAllServices()
            .build();

    static final SimpleAttributeDefinition PURGE_MODE = EnumAttributes.optional("purge-mode", PurgeMode.SOFT);

    static final SimpleAttributeDefinition CONNECT_TIMEOUT = milliseconds("connect-timeout", 1_000);

    static final SimpleAttributeDefinition REQUEST_TIMEOUT = milliseconds("request-timeout", 2_000);

    static final SimpleAttributeDefinition RETRIES = new SimpleAttributeDefinitionBuilder("retries", ModelType.INT)
            .setRequired(false)
            .setAllowExpression(true)
            .setDefaultValue(new ModelNode(5))
            .setValidator(new IntRangeValidator(0, 30, true, true))
            .setRestartAllServices()
            .build();

    static final ObjectTypeAttributeDefinition PURGE_SECRET = CredentialReference.getAttributeBuilder("purge-secret", "purge-secret", true, false)
            .setRestartAllServices()
            .build();

    /** The attributes written as XML attributes; the purge secret is a child element. */
    static final List<AttributeDefinition> XML_ATTRIBUTES = List.of(PURGE_TARGETS, PURGE_MODE, CONNECT_TIMEOUT, REQUEST_TIMEOUT, RETRIES);

    static final List<AttributeDefinition> ATTRIBUTES = Stream.concat(XML_ATTRIBUTES.stream(), Stream.of(PURGE_SECRET)).toList();

    private static SimpleAttributeDefinition milliseconds(String name, long defaultValue) {
        return new SimpleAttributeDefinitionBuilder(name, ModelType.LONG)
                .setRequired(false)
                .setAllowExpression(true)
                .setDefaultValue(new ModelNode(defaultValue))
                .setValidator(new LongRangeValidator(1, Integer.MAX_VALUE, true, true))
                .setMeasurementUnit(MeasurementUnit.MILLISECONDS)
                .setRestartAllServices()
                .build();
    }

    /** What this node's purges did since the cache started: every target's request counts. */
    enum PurgeMetric implements Metric<SharedHttpCache> {
        SENT("purges-sent", true, PurgeStatistics::sent),
        FAILED("purges-failed", true, PurgeStatistics::failed),
        RETRIED("purges-retried", true, PurgeStatistics::retried),
        ABANDONED("purges-abandoned", true, PurgeStatistics::abandoned),
        PENDING("purges-pending", false, statistics -> (long) statistics.pending());

        private final AttributeDefinition definition;
        private final Function<PurgeStatistics, Long> value;

        /** @param counter whether the value only grows (a counter), or goes up and down (a gauge) */
        PurgeMetric(String name, boolean counter, Function<PurgeStatistics, Long> value) {
            this.definition = MetricDefinitions.longMetric(name, counter);
            this.value = value;
        }

        @Override
        public AttributeDefinition get() {
            return definition;
        }

        @Override
        public ModelNode execute(SharedHttpCache cache) {
            return new ModelNode(value.apply(cache.statistics()));
        }
    }

    /** The caches of this server that are running: what the metrics read. */
    private final ServiceValueExecutorRegistry<SharedHttpCache> running = ServiceValueExecutorRegistry.newInstance();

    @Override
    public ManagementResourceRegistration register(ManagementResourceRegistration parent, ManagementResourceRegistrationContext context) {
        ManagementResourceRegistration registration = ChildResourceRegistration.register(parent, REGISTRATION, descriptor -> ChildResourceRegistration.takingEffectOnReload(descriptor)
                .addAttributes(ATTRIBUTES)
                .addCapability(CAPABILITY)
                .withRuntimeHandler(ResourceOperationRuntimeHandler.configureService(this)));
        if (context.isRuntimeOnlyRegistrationValid()) {
            new MetricOperationStepHandler<>(this::metric, PurgeMetric.class).register(registration);
        }
        return registration;
    }

    @Override
    public ResourceServiceInstaller configure(OperationContext context, ModelNode model) throws OperationFailedException {
        String name = context.getCurrentAddressValue();
        List<URI> targets = PURGE_TARGETS.unwrap(context, model).stream().map(URI::create).toList();
        PurgeMode mode = EnumAttributes.resolve(PURGE_MODE, PurgeMode.class, context, model);
        Duration connectTimeout = Duration.ofMillis(CONNECT_TIMEOUT.resolveModelAttribute(context, model).asLong());
        Duration requestTimeout = Duration.ofMillis(REQUEST_TIMEOUT.resolveModelAttribute(context, model).asLong());
        int retries = RETRIES.resolveModelAttribute(context, model).asInt();
        boolean withSecret = model.hasDefined(PURGE_SECRET.getName());

        // The credential store (if the secret names one) becomes a dependency of the cache's service.
        AtomicReference<ExceptionSupplier<CredentialSource, Exception>> secret = new AtomicReference<>();
        ResourceServiceInstaller service = CapabilityServiceInstaller.<VarnishPurger, SharedHttpCache>builder(CAPABILITY, purger -> (SharedHttpCache) purger,
                        () -> new VarnishPurger(new HttpCacheSettings(name, targets, mode, connectTimeout, requestTimeout, retries,
                                HttpCacheSettings.FIRST_RETRY, HttpCacheSettings.MAX_RETRY, withSecret ? secretOf(secret.get(), name) : "")))
                .requires(builder -> {
                    if (withSecret) {
                        try {
                            secret.set(CredentialReference.getCredentialSourceSupplier(context, PURGE_SECRET, model, builder));
                        } catch (OperationFailedException e) {
                            throw new IllegalStateException(e.getMessage(), e);
                        }
                    }
                })
                .withCaptor(running.add(ServiceDependency.on(ClusterIOServiceDescriptor.HTTP_CACHE, name)))
                .onStart(cache -> ClusterIOLogger.HTTP_CACHE_LOGGER.httpCacheStarted(name, targets.toString(), mode.toString(),
                        connectTimeout.toMillis(), requestTimeout.toMillis(), retries))
                .onStop(VarnishPurger::close)
                .build();
        ResourceServiceInstaller binding = new JndiBindingInstaller(JNDI_PREFIX + name, CAPABILITY.getCapabilityServiceName(name));
        return ResourceServiceInstaller.combine(service, binding);
    }

    private static String secretOf(ExceptionSupplier<CredentialSource, Exception> source, String cache) {
        try {
            PasswordCredential credential = source.get().getCredential(PasswordCredential.class);
            if (credential == null) {
                throw ClusterIOLogger.HTTP_CACHE_LOGGER.noPasswordInPurgeSecret(cache);
            }
            return new String(credential.getPassword(ClearPassword.class).getPassword());
        } catch (Exception e) {
            throw ClusterIOLogger.HTTP_CACHE_LOGGER.unreadablePurgeSecret(cache, e.getMessage(), e);
        }
    }

    /** Metrics of a cache that is not running (stopped, or failed to start) are undefined. */
    private ModelNode metric(OperationContext context, Metric<SharedHttpCache> metric) throws OperationFailedException {
        FunctionExecutor<SharedHttpCache> cache = running.getExecutor(ServiceDependency.on(ClusterIOServiceDescriptor.HTTP_CACHE, context.getCurrentAddressValue()));
        return cache == null ? null : cache.execute(new MetricFunction<>(Function.identity(), metric));
    }
}
