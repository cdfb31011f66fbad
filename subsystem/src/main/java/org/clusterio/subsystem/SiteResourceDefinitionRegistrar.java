package org.clusterio.subsystem;

import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.clusterio.api.IOService;
import org.clusterio.api.SiteHandlers;
import org.clusterio.deployment.JndiBindingInstaller;
import org.clusterio.httpcache.SharedHttpCache;
import org.clusterio.io.BinarydataHandler;
import org.clusterio.io.BinarydataStore;
import org.clusterio.io.MetadataStore;
import org.clusterio.io.SiteIOService;
import org.clusterio.io.SiteLayout;
import org.clusterio.io.SiteRoute;
import org.clusterio.io.SiteStatistics;
import org.clusterio.io.StoreChangeListener;
import org.clusterio.io.UrlPrefix;
import org.clusterio.logging.ClusterIOLogger;
import org.clusterio.spi.ClusterIOServiceDescriptor;
import org.jboss.as.controller.AttributeDefinition;
import org.jboss.as.controller.OperationContext;
import org.jboss.as.controller.OperationFailedException;
import org.jboss.as.controller.PathElement;
import org.jboss.as.controller.ResourceRegistration;
import org.jboss.as.controller.SimpleAttributeDefinition;
import org.jboss.as.controller.SimpleAttributeDefinitionBuilder;
import org.jboss.as.controller.StringListAttributeDefinition;
import org.jboss.as.controller.capability.RuntimeCapability;
import org.jboss.as.controller.registry.ManagementResourceRegistration;
import org.jboss.as.controller.registry.Resource;
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
 * {@code /subsystem=cluster-io/site=*}: one site's files (Ibexa DXP's SiteAccess), kept below
 * {@code <var-dir>/<storage-dir>} through a metadata handler and a binarydata handler, served at
 * {@code <url-prefix>/<id>}, and matched to requests by host and path. Its IO service is bound in JNDI at
 * {@code java:jboss/cluster-io/io/<site>}. With an {@code http-cache}, each change of a file purges its tags there
 * before it returns. What its operations did are metrics (see {@link SiteOperationMetric}). Adding, removing or
 * changing a site takes effect after a reload: every
 * deployment routes requests over the whole set of sites.
 */
public final class SiteResourceDefinitionRegistrar implements ChildResourceDefinitionRegistrar, ResourceServiceConfigurator {

    static final ResourceRegistration REGISTRATION = ResourceRegistration.of(PathElement.pathElement("site"));

    static final String JNDI_PREFIX = "java:jboss/cluster-io/io/";

    static final RuntimeCapability<Void> CAPABILITY = RuntimeCapability.Builder.of(ClusterIOServiceDescriptor.SITE).build();

    /** The site's hosts and uri-prefix, for the subsystem's site directory. */
    static final RuntimeCapability<Void> ROUTE_CAPABILITY = RuntimeCapability.Builder.of(ClusterIOServiceDescriptor.SITE_ROUTE).build();

    /** Optional: when undefined, {@code var/<site name>}, Ibexa DXP's convention. */
    static final SimpleAttributeDefinition VAR_DIR = new SimpleAttributeDefinitionBuilder("var-dir", ModelType.STRING)
            .setRequired(false)
            .setAllowExpression(true)
            .setValidator(new AttributeValidators.RelativePathValidator())
            .setRestartAllServices()
            .build();

    static final SimpleAttributeDefinition STORAGE_DIR = new SimpleAttributeDefinitionBuilder("storage-dir", ModelType.STRING)
            .setRequired(false)
            .setAllowExpression(true)
            .setDefaultValue(new ModelNode("storage"))
            .setValidator(new AttributeValidators.RelativePathValidator())
            .setRestartAllServices()
            .build();

    static final CapabilityReferenceAttributeDefinition<MetadataStore> METADATA_HANDLER = new CapabilityReferenceAttributeDefinition.Builder<>("metadata-handler",
            CapabilityReference.builder(CAPABILITY, ClusterIOServiceDescriptor.METADATA_HANDLER).build())
            .build();

    static final CapabilityReferenceAttributeDefinition<BinarydataStore> BINARYDATA_HANDLER = new CapabilityReferenceAttributeDefinition.Builder<>("binarydata-handler",
            CapabilityReference.builder(CAPABILITY, ClusterIOServiceDescriptor.BINARYDATA_HANDLER).build())
            .build();

    static final SimpleAttributeDefinition URL_PREFIX = new SimpleAttributeDefinitionBuilder("url-prefix", ModelType.STRING)
            .setRequired(false)
            .setAllowExpression(true)
            .setDefaultValue(new ModelNode(SiteLayout.VAR_DIR_PLACEHOLDER + "/" + SiteLayout.STORAGE_DIR_PLACEHOLDER))
            .setValidator(new AttributeValidators.UrlPrefixValidator())
            .setRestartAllServices()
            .build();

    static final StringListAttributeDefinition HOSTS = new StringListAttributeDefinition.Builder("hosts")
            .setRequired(false)
            .setAllowExpression(true)
            .setElementValidator(new AttributeValidators.HostNameValidator())
            .setRestartAllServices()
            .build();

    static final SimpleAttributeDefinition URI_PREFIX = new SimpleAttributeDefinitionBuilder("uri-prefix", ModelType.STRING)
            .setRequired(false)
            .setAllowExpression(true)
            .setValidator(new AttributeValidators.UriPrefixValidator())
            .setRestartAllServices()
            .build();

    /** Optional: the Varnish servers that the site's changes purge. */
    static final CapabilityReferenceAttributeDefinition<SharedHttpCache> HTTP_CACHE = new CapabilityReferenceAttributeDefinition.Builder<>("http-cache",
            CapabilityReference.builder(CAPABILITY, ClusterIOServiceDescriptor.HTTP_CACHE).build())
            .setRequired(false)
            .setRestartAllServices()
            .build();

    /** The attributes of schema 1.0. */
    static final List<AttributeDefinition> ATTRIBUTES_1_0 = List.of(VAR_DIR, STORAGE_DIR, METADATA_HANDLER, BINARYDATA_HANDLER, URL_PREFIX, HOSTS, URI_PREFIX);

    static final List<AttributeDefinition> ATTRIBUTES = Stream.concat(ATTRIBUTES_1_0.stream(), Stream.of(HTTP_CACHE)).toList();

    /** The sites of this server that are running: what the metrics read. */
    private final ServiceValueExecutorRegistry<IOService> running = ServiceValueExecutorRegistry.newInstance();

    @Override
    public ManagementResourceRegistration register(ManagementResourceRegistration parent, ManagementResourceRegistrationContext context) {
        ManagementResourceRegistration registration = ChildResourceRegistration.register(parent, REGISTRATION, descriptor -> ChildResourceRegistration.takingEffectOnReload(descriptor)
                .addAttributes(ATTRIBUTES)
                .addCapability(CAPABILITY)
                .addCapability(ROUTE_CAPABILITY)
                .withRuntimeHandler(ResourceOperationRuntimeHandler.configureService(this)));
        if (context.isRuntimeOnlyRegistrationValid()) {
            new MetricOperationStepHandler<>(this::metric, SiteOperationMetric.all()).register(registration);
        }
        return registration;
    }

    /** Metrics of a site that is not running (stopped, or failed to start) are undefined. */
    private ModelNode metric(OperationContext context, Metric<SiteStatistics> metric) throws OperationFailedException {
        FunctionExecutor<IOService> site = running.getExecutor(ServiceDependency.on(ClusterIOServiceDescriptor.SITE, context.getCurrentAddressValue()));
        return site == null ? null : site.execute(new MetricFunction<>(service -> ((SiteIOService) service).statistics(), metric));
    }

    @Override
    public ResourceServiceInstaller configure(OperationContext context, ModelNode model) throws OperationFailedException {
        String name = context.getCurrentAddressValue();
        SiteLayout layout = layout(context, name, model);
        UrlPrefix urlPrefix = UrlPrefix.of(layout.expand(URL_PREFIX.resolveModelAttribute(context, model).asString()));
        String metadataHandlerName = METADATA_HANDLER.resolveModelAttribute(context, model).asString();
        String binarydataHandlerName = BINARYDATA_HANDLER.resolveModelAttribute(context, model).asString();
        ServiceDependency<MetadataStore> metadataHandler = METADATA_HANDLER.resolve(context, model);
        ServiceDependency<BinarydataStore> binarydataHandler = BINARYDATA_HANDLER.resolve(context, model);
        ServiceDependency<SharedHttpCache> httpCache = HTTP_CACHE.resolve(context, model);
        SiteHandlers handlers = new SiteHandlers(handlerType(context, "-metadata-handler", metadataHandlerName), metadataHandlerName,
                handlerType(context, "-binarydata-handler", binarydataHandlerName), binarydataHandlerName);

        Supplier<IOService> factory = () -> {
            BinarydataHandler binarydata = binarydataHandler.get().forSite(layout);
            StoreChangeListener changes = httpCache.get() == null ? StoreChangeListener.NONE : httpCache.get();
            return new SiteIOService(layout, urlPrefix, metadataHandler.get().forSite(layout, binarydata), binarydata, changes, handlers);
        };
        // Started eagerly, so that a misconfigured handler shows at boot rather than at the first upload.
        ResourceServiceInstaller service = CapabilityServiceInstaller.builder(CAPABILITY, factory)
                .requires(List.of(metadataHandler, binarydataHandler, httpCache))
                .withCaptor(running.add(ServiceDependency.on(ClusterIOServiceDescriptor.SITE, name)))
                .onStart(site -> ClusterIOLogger.ROOT_LOGGER.siteStarted(name, metadataHandlerName, binarydataHandlerName, urlPrefix.toString()))
                .asActive()
                .build();
        ResourceServiceInstaller route = CapabilityServiceInstaller.builder(ROUTE_CAPABILITY, SiteRoute.of(hosts(context, model), uriPrefix(context, model))).build();
        ResourceServiceInstaller binding = new JndiBindingInstaller(JNDI_PREFIX + name, CAPABILITY.getCapabilityServiceName(name));
        return ResourceServiceInstaller.combine(service, route, binding);
    }

    /** @return the type of the subsystem's handler resource of that name, such as dfs-metadata-handler for dfs */
    private static String handlerType(OperationContext context, String typeSuffix, String name) {
        Resource subsystem = context.readResourceFromRoot(context.getCurrentAddress().getParent(), true);
        return subsystem.getChildTypes().stream().filter(type -> type.endsWith(typeSuffix) && subsystem.hasChild(PathElement.pathElement(type, name)))
                .findFirst().orElse(typeSuffix.substring(1));
    }

    static SiteLayout layout(OperationContext context, String name, ModelNode model) throws OperationFailedException {
        ModelNode varDir = VAR_DIR.resolveModelAttribute(context, model);
        return new SiteLayout(name, trimSlash(varDir.isDefined() ? varDir.asString() : "var/" + name),
                trimSlash(STORAGE_DIR.resolveModelAttribute(context, model).asString()));
    }

    /** @return the host names the site matches requests by; empty for any host */
    private static Set<String> hosts(OperationContext context, ModelNode model) throws OperationFailedException {
        ModelNode hosts = HOSTS.resolveModelAttribute(context, model);
        return hosts.isDefined() ? hosts.asList().stream().map(ModelNode::asString).collect(Collectors.toSet()) : Set.of();
    }

    /** @return the path prefix the site matches requests by, or null for any path */
    private static String uriPrefix(OperationContext context, ModelNode model) throws OperationFailedException {
        return URI_PREFIX.resolveModelAttribute(context, model).asStringOrNull();
    }

    private static String trimSlash(String path) {
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }
}
