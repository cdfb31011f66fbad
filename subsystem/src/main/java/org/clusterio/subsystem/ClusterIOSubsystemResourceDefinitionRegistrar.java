package org.clusterio.subsystem;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.clusterio.api.IOService;
import org.clusterio.deployment.ClusterIOCdiProcessor;
import org.clusterio.deployment.ClusterIODependencyProcessor;
import org.clusterio.deployment.SessionManagementProcessor;
import org.clusterio.deployment.SharedSessionsProcessor;
import org.clusterio.deployment.StorageFilterProcessor;
import org.clusterio.httpcache.SharedHttpCache;
import org.clusterio.integrity.IntegrityRunner;
import org.clusterio.io.BinarydataStore;
import org.clusterio.io.MetadataStore;
import org.clusterio.io.RoutingTable;
import org.clusterio.io.SiteRoute;
import org.clusterio.migration.MigrationRunner;
import org.clusterio.migration.RunningHandlers;
import org.clusterio.spi.ClusterIOServiceDescriptor;
import org.clusterio.web.ServerStateReadiness;
import org.clusterio.web.StorageFilter;
import org.jboss.as.controller.OperationContext;
import org.jboss.as.controller.OperationFailedException;
import org.jboss.as.controller.PathAddress;
import org.jboss.as.controller.ProcessStateNotifier;
import org.jboss.as.controller.ResourceDefinition;
import org.jboss.as.controller.SubsystemRegistration;
import org.jboss.as.controller.SubsystemResourceRegistration;
import org.jboss.as.controller.capability.RuntimeCapability;
import org.jboss.as.controller.descriptions.ParentResourceDescriptionResolver;
import org.jboss.as.controller.descriptions.SubsystemResourceDescriptionResolver;
import org.jboss.as.controller.registry.ManagementResourceRegistration;
import org.jboss.as.controller.registry.Resource;
import org.jboss.as.server.DeploymentProcessorTarget;
import org.jboss.as.server.deployment.Phase;
import org.jboss.as.server.suspend.SuspensionStateProvider;
import org.jboss.dmr.ModelNode;
import org.wildfly.subsystem.resource.ManagementResourceRegistrar;
import org.wildfly.subsystem.resource.ManagementResourceRegistrationContext;
import org.wildfly.subsystem.resource.ResourceDescriptor;
import org.wildfly.subsystem.resource.SubsystemResourceDefinitionRegistrar;
import org.wildfly.subsystem.resource.capability.CapabilityReference;
import org.wildfly.subsystem.resource.capability.CapabilityReferenceAttributeDefinition;
import org.wildfly.subsystem.resource.operation.ResourceOperationRuntimeHandler;
import org.wildfly.subsystem.service.ResourceServiceConfigurator;
import org.wildfly.subsystem.service.ResourceServiceInstaller;
import org.wildfly.subsystem.service.ServiceDependency;
import org.wildfly.subsystem.service.capability.CapabilityServiceInstaller;
import org.wildfly.subsystem.service.capture.ServiceValueExecutorRegistry;

/**
 * {@code /subsystem=cluster-io}: names the default site, gathers what its sites and storage filters publish into the
 * site directory that deployments route requests over and the list of storage filters they get, and contributes the
 * deployment processors that give deployments the API module and their IO services by CDI.
 */
public final class ClusterIOSubsystemResourceDefinitionRegistrar implements SubsystemResourceDefinitionRegistrar, ResourceServiceConfigurator, Consumer<DeploymentProcessorTarget> {

    static final SubsystemResourceRegistration REGISTRATION = SubsystemResourceRegistration.of("cluster-io");
    static final ParentResourceDescriptionResolver RESOLVER = new SubsystemResourceDescriptionResolver(REGISTRATION.getName(), ClusterIOSubsystemResourceDefinitionRegistrar.class);

    static final RuntimeCapability<Void> SITE_DIRECTORY_CAPABILITY = RuntimeCapability.Builder.of(ClusterIOServiceDescriptor.SITE_DIRECTORY).build();

    /** The default site's IO service, under a name of its own: what deployments get unless they name another site. */
    static final RuntimeCapability<Void> DEFAULT_SITE_CAPABILITY = RuntimeCapability.Builder.of(ClusterIOServiceDescriptor.DEFAULT_SITE).build();

    static final RuntimeCapability<Void> STORAGE_FILTERS_CAPABILITY = RuntimeCapability.Builder.of(ClusterIOServiceDescriptor.STORAGE_FILTERS).build();

    static final RuntimeCapability<Void> HTTP_CACHES_CAPABILITY = RuntimeCapability.Builder.of(ClusterIOServiceDescriptor.HTTP_CACHES).build();

    static final RuntimeCapability<Void> SERVER_READINESS_CAPABILITY = RuntimeCapability.Builder.of(ClusterIOServiceDescriptor.SERVER_READINESS).build();

    /** A reference by capability, so that naming a site that does not exist fails at add or write-attribute. */
    static final CapabilityReferenceAttributeDefinition<IOService> DEFAULT_SITE = new CapabilityReferenceAttributeDefinition.Builder<>("default-site",
            CapabilityReference.builder(SITE_DIRECTORY_CAPABILITY, ClusterIOServiceDescriptor.SITE).build())
            .build();

    // Shared sessions: once web.xml is merged (a merge replaces the metadata), before JSF and distributable-web read it;
    // and the session management just before distributable-web resolves it.
    private static final int PARSE_SHARED_SESSIONS = Phase.PARSE_WEB_MERGE_METADATA + 1;
    private static final int DEPENDENCIES_SESSION_MANAGEMENT = Phase.DEPENDENCIES_DISTRIBUTABLE_WEB - 1;
    // Deployment processor priorities: after the standard dependencies are set up, and before Weld reads extensions.
    private static final int DEPENDENCIES_CLUSTER_IO = Phase.DEPENDENCIES_SINGLETON_DEPLOYMENT + 0x50;
    private static final int POST_MODULE_CLUSTER_IO = Phase.POST_MODULE_WELD_PORTABLE_EXTENSIONS - 0x10;

    @Override
    public ManagementResourceRegistration register(SubsystemRegistration parent, ManagementResourceRegistrationContext context) {
        ManagementResourceRegistration registration = parent.registerSubsystemModel(ResourceDefinition.builder(REGISTRATION, RESOLVER).build());
        ResourceDescriptor descriptor = ResourceDescriptor.builder(RESOLVER)
                .addAttributes(List.of(DEFAULT_SITE))
                .addCapability(SITE_DIRECTORY_CAPABILITY)
                .addCapability(DEFAULT_SITE_CAPABILITY)
                .addCapability(STORAGE_FILTERS_CAPABILITY)
                .addCapability(HTTP_CACHES_CAPABILITY)
                .addCapability(SERVER_READINESS_CAPABILITY)
                .withRuntimeHandler(ResourceOperationRuntimeHandler.configureService(this))
                .withDeploymentChainContributor(this)
                .build();
        ManagementResourceRegistrar.of(descriptor).register(registration);

        // The handlers running on this server, captured by their services, for the migration's operations.
        ServiceValueExecutorRegistry<MetadataStore> metadataHandlers = ServiceValueExecutorRegistry.newInstance();
        ServiceValueExecutorRegistry<BinarydataStore> binarydataHandlers = ServiceValueExecutorRegistry.newInstance();
        RunningHandlers runningHandlers = new RunningHandlers(metadataHandlers, binarydataHandlers);
        new MigrationOperationsRegistrar(new MigrationRunner(runningHandlers), context.isRuntimeOnlyRegistrationValid()).register(registration);
        new IntegrityOperationsRegistrar(new IntegrityRunner(runningHandlers), context.isRuntimeOnlyRegistrationValid()).register(registration);
        new FilesystemMetadataHandlerResourceDefinitionRegistrar(metadataHandlers).register(registration, context);
        new DfsMetadataHandlerResourceDefinitionRegistrar(metadataHandlers).register(registration, context);
        new FilesystemBinarydataHandlerResourceDefinitionRegistrar(binarydataHandlers).register(registration, context);
        new S3BinarydataHandlerResourceDefinitionRegistrar(binarydataHandlers).register(registration, context);
        new SiteResourceDefinitionRegistrar().register(registration, context);
        new StorageFilterResourceDefinitionRegistrar().register(registration, context);
        new PersistenceCacheResourceDefinitionRegistrar().register(registration, context);
        new SessionsResourceDefinitionRegistrar().register(registration, context);
        new HttpCacheResourceDefinitionRegistrar().register(registration, context);
        return registration;
    }

    /**
     * Collects what the children publish: each site's IO service and route, each storage filter's configuration, each
     * http-cache. Sites, storage filters and http-caches change only through a reload, so the names read here stay
     * true; their models are theirs.
     */
    @Override
    public ResourceServiceInstaller configure(OperationContext context, ModelNode model) throws OperationFailedException {
        Resource subsystem = context.readResource(PathAddress.EMPTY_ADDRESS);
        Map<String, ServiceDependency<IOService>> sites = new LinkedHashMap<>();
        Map<String, ServiceDependency<SiteRoute>> routes = new LinkedHashMap<>();
        for (String name : subsystem.getChildrenNames(SiteResourceDefinitionRegistrar.REGISTRATION.getPathElement().getKey())) {
            sites.put(name, ServiceDependency.on(ClusterIOServiceDescriptor.SITE, name));
            routes.put(name, ServiceDependency.on(ClusterIOServiceDescriptor.SITE_ROUTE, name));
        }
        List<ServiceDependency<StorageFilter>> filters = subsystem.getChildrenNames(StorageFilterResourceDefinitionRegistrar.REGISTRATION.getPathElement().getKey())
                .stream().map(name -> ServiceDependency.on(ClusterIOServiceDescriptor.STORAGE_FILTER, name)).toList();

        Map<String, ServiceDependency<SharedHttpCache>> httpCaches = new LinkedHashMap<>();
        for (String name : subsystem.getChildrenNames(HttpCacheResourceDefinitionRegistrar.REGISTRATION.getPathElement().getKey())) {
            httpCaches.put(name, ServiceDependency.on(ClusterIOServiceDescriptor.HTTP_CACHE, name));
        }

        ResourceServiceInstaller directory = CapabilityServiceInstaller.builder(SITE_DIRECTORY_CAPABILITY, () -> new RoutingTable(values(sites), values(routes)))
                .requires(List.copyOf(sites.values()))
                .requires(List.copyOf(routes.values()))
                .build();
        ResourceServiceInstaller defaultSite = CapabilityServiceInstaller.builder(DEFAULT_SITE_CAPABILITY, DEFAULT_SITE.resolve(context, model)).build();
        ResourceServiceInstaller storageFilters = CapabilityServiceInstaller.builder(STORAGE_FILTERS_CAPABILITY,
                        () -> filters.stream().map(Supplier::get).toList())
                .requires(filters)
                .build();
        ResourceServiceInstaller caches = CapabilityServiceInstaller.builder(HTTP_CACHES_CAPABILITY, () -> values(httpCaches))
                .requires(List.copyOf(httpCaches.values()))
                .build();
        ServiceDependency<ProcessStateNotifier> process = ServiceDependency.on(ProcessStateNotifier.SERVICE_DESCRIPTOR);
        ServiceDependency<SuspensionStateProvider> suspension = ServiceDependency.on(SuspensionStateProvider.SERVICE_DESCRIPTOR);
        ResourceServiceInstaller readiness = CapabilityServiceInstaller.builder(SERVER_READINESS_CAPABILITY,
                        () -> new ServerStateReadiness(process.get(), suspension.get()))
                .requires(List.of(process, suspension))
                .build();
        return ResourceServiceInstaller.combine(directory, defaultSite, storageFilters, caches, readiness);
    }

    /** @return the values of started dependencies, in the order of their names */
    private static <T> Map<String, T> values(Map<String, ServiceDependency<T>> dependencies) {
        Map<String, T> values = new LinkedHashMap<>();
        dependencies.forEach((name, dependency) -> values.put(name, dependency.get()));
        return values;
    }

    @Override
    public void accept(DeploymentProcessorTarget target) {
        target.addDeploymentProcessor(REGISTRATION.getName(), Phase.PARSE, PARSE_SHARED_SESSIONS, new SharedSessionsProcessor());
        target.addDeploymentProcessor(REGISTRATION.getName(), Phase.DEPENDENCIES, DEPENDENCIES_SESSION_MANAGEMENT, new SessionManagementProcessor());
        target.addDeploymentProcessor(REGISTRATION.getName(), Phase.DEPENDENCIES, DEPENDENCIES_CLUSTER_IO, new ClusterIODependencyProcessor());
        target.addDeploymentProcessor(REGISTRATION.getName(), Phase.POST_MODULE, POST_MODULE_CLUSTER_IO, new ClusterIOCdiProcessor());
        target.addDeploymentProcessor(REGISTRATION.getName(), Phase.POST_MODULE, POST_MODULE_CLUSTER_IO + 1, new StorageFilterProcessor());
    }
}
