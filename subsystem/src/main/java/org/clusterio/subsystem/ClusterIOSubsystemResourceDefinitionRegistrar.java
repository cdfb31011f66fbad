package org.clusterio.subsystem;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.clusterio.api.IOService;
import org.clusterio.deployment.ClusterIOCdiProcessor;
import org.clusterio.deployment.ClusterIODependencyProcessor;
import org.clusterio.deployment.SessionManagementProcessor;
import org.clusterio.deployment.SharedSessionsProcessor;
import org.clusterio.deployment.StorageFilterProcessor;
import org.clusterio.io.BinarydataHandlerProvider;
import org.clusterio.io.MetadataHandlerProvider;
import org.clusterio.io.SiteDirectory;
import org.clusterio.io.SiteEntry;
import org.clusterio.spi.ClusterIOServiceDescriptor;
import org.clusterio.web.StorageFilterConfig;
import org.jboss.as.controller.OperationContext;
import org.jboss.as.controller.OperationFailedException;
import org.jboss.as.controller.PathAddress;
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

/**
 * {@code /subsystem=cluster-io}: names the default site, keeps the directory of all sites that deployments route
 * requests over, and contributes the deployment processors that give deployments the API module and their IO
 * services by CDI.
 */
public final class ClusterIOSubsystemResourceDefinitionRegistrar implements SubsystemResourceDefinitionRegistrar, ResourceServiceConfigurator, Consumer<DeploymentProcessorTarget> {

    static final SubsystemResourceRegistration REGISTRATION = SubsystemResourceRegistration.of("cluster-io");
    static final ParentResourceDescriptionResolver RESOLVER = new SubsystemResourceDescriptionResolver(REGISTRATION.getName(), ClusterIOSubsystemResourceDefinitionRegistrar.class);

    static final RuntimeCapability<Void> SITE_DIRECTORY_CAPABILITY = RuntimeCapability.Builder.of(ClusterIOServiceDescriptor.SITE_DIRECTORY).build();

    /** The default site's IO service, under a name of its own: what deployments get unless they name another site. */
    static final RuntimeCapability<Void> DEFAULT_SITE_CAPABILITY = RuntimeCapability.Builder.of(ClusterIOServiceDescriptor.DEFAULT_SITE).build();

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
                .withRuntimeHandler(ResourceOperationRuntimeHandler.configureService(this))
                .withDeploymentChainContributor(this)
                .build();
        ManagementResourceRegistrar.of(descriptor).register(registration);

        RunningValues<MetadataHandlerProvider> metadataHandlers = new RunningValues<>();
        RunningValues<BinarydataHandlerProvider> binarydataHandlers = new RunningValues<>();
        new MigrationOperations(metadataHandlers, binarydataHandlers).register(registration, context.isRuntimeOnlyRegistrationValid());
        new FilesystemMetadataHandlerResourceDefinitionRegistrar(metadataHandlers).register(registration, context);
        new DfsMetadataHandlerResourceDefinitionRegistrar(metadataHandlers).register(registration, context);
        new FilesystemBinarydataHandlerResourceDefinitionRegistrar(binarydataHandlers).register(registration, context);
        new S3BinarydataHandlerResourceDefinitionRegistrar(binarydataHandlers).register(registration, context);
        new SiteResourceDefinitionRegistrar().register(registration, context);
        new StorageFilterResourceDefinitionRegistrar().register(registration, context);
        new PersistenceCacheResourceDefinitionRegistrar().register(registration, context);
        new SessionsResourceDefinitionRegistrar().register(registration, context);
        return registration;
    }

    @Override
    public ResourceServiceInstaller configure(OperationContext context, ModelNode model) throws OperationFailedException {
        String defaultSite = DEFAULT_SITE.resolveModelAttribute(context, model).asString();
        ServiceDependency<IOService> defaultSiteService = DEFAULT_SITE.resolve(context, model);

        // Sites and storage filters change only through a reload, so the sets read here stay true.
        List<Supplier<SiteEntry>> entries = new ArrayList<>();
        List<ServiceDependency<IOService>> services = new ArrayList<>();
        Resource subsystem = context.readResource(PathAddress.EMPTY_ADDRESS);
        for (Resource.ResourceEntry site : subsystem.getChildren(SiteResourceDefinitionRegistrar.REGISTRATION.getPathElement().getKey())) {
            String name = site.getName();
            ModelNode siteModel = site.getModel();
            Set<String> hosts = SiteResourceDefinitionRegistrar.hosts(context, siteModel);
            String uriPrefix = SiteResourceDefinitionRegistrar.uriPrefix(context, siteModel);
            ServiceDependency<IOService> service = ServiceDependency.on(ClusterIOServiceDescriptor.SITE, name);
            services.add(service);
            entries.add(() -> new SiteEntry(name, service.get(), hosts, uriPrefix));
        }
        List<StorageFilterConfig> filters = new ArrayList<>();
        for (Resource.ResourceEntry filter : subsystem.getChildren(StorageFilterResourceDefinitionRegistrar.REGISTRATION.getPathElement().getKey())) {
            filters.add(StorageFilterResourceDefinitionRegistrar.config(context, filter.getName(), filter.getModel()));
        }
        ResourceServiceInstaller directory = CapabilityServiceInstaller.builder(SITE_DIRECTORY_CAPABILITY,
                        () -> new SiteDirectory(entries.stream().map(Supplier::get).toList(), defaultSite, filters))
                .requires(defaultSiteService)
                .requires(services)
                .build();
        return ResourceServiceInstaller.combine(directory, CapabilityServiceInstaller.builder(DEFAULT_SITE_CAPABILITY, defaultSiteService).build());
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
