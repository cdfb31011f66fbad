package org.clusterio.subsystem;

import java.util.List;
import java.util.function.Function;

import javax.sql.DataSource;

import org.clusterio.cache.SharedPersistenceCache;
import org.clusterio.io.CachingMetadataHandler;
import org.clusterio.io.ErrorCountingStores;
import org.clusterio.io.MetadataStore;
import org.clusterio.io.dfs.DfsFile;
import org.clusterio.io.dfs.DfsMetadataStore;
import org.clusterio.io.dfs.DfsTableProbe;
import org.clusterio.spi.ClusterIOServiceDescriptor;
import org.clusterio.spi.WildFlyServiceDescriptor;
import org.jboss.as.controller.AttributeDefinition;
import org.jboss.as.controller.OperationContext;
import org.jboss.as.controller.OperationFailedException;
import org.jboss.as.controller.PathElement;
import org.jboss.as.controller.ResourceRegistration;
import org.jboss.as.controller.SimpleAttributeDefinition;
import org.jboss.as.controller.SimpleAttributeDefinitionBuilder;
import org.jboss.as.controller.client.helpers.MeasurementUnit;
import org.jboss.as.controller.operations.validation.IntRangeValidator;
import org.jboss.dmr.ModelNode;
import org.jboss.dmr.ModelType;
import org.wildfly.subsystem.resource.capability.CapabilityReference;
import org.wildfly.subsystem.resource.capability.CapabilityReferenceAttributeDefinition;
import org.wildfly.subsystem.service.ServiceDependency;
import org.wildfly.subsystem.service.capability.CapabilityServiceInstaller;
import org.wildfly.subsystem.service.capture.ServiceValueExecutorRegistry;

/**
 * {@code /subsystem=cluster-io/dfs-metadata-handler=*}: Ibexa DXP's {@code legacy_dfs_cluster} metadata handler, a
 * table shared by every node (and by PHP cluster nodes) on a WildFly datasource. Changes take effect after a reload.
 */
public final class DfsMetadataHandlerResourceDefinitionRegistrar extends MetadataHandlerResourceDefinitionRegistrar {

    static final ResourceRegistration REGISTRATION = ResourceRegistration.of(PathElement.pathElement("dfs-metadata-handler"));


    static final CapabilityReferenceAttributeDefinition<DataSource> DATA_SOURCE = new CapabilityReferenceAttributeDefinition.Builder<>("data-source",
            CapabilityReference.builder(CAPABILITY, WildFlyServiceDescriptor.DATA_SOURCE).build())
            .build();

    static final SimpleAttributeDefinition TABLE = new SimpleAttributeDefinitionBuilder("table", ModelType.STRING)
            .setRequired(false)
            .setAllowExpression(true)
            .setDefaultValue(new ModelNode(DfsFile.DEFAULT_TABLE))
            .setValidator(new AttributeValidators.TableNameValidator())
            .setRestartAllServices()
            .build();

    static final SimpleAttributeDefinition CREATE_SCHEMA = new SimpleAttributeDefinitionBuilder("create-schema", ModelType.BOOLEAN)
            .setRequired(false)
            .setAllowExpression(true)
            .setDefaultValue(ModelNode.FALSE)
            .setRestartAllServices()
            .build();

    /**
     * How long any one statement of the handler may take, in seconds: the database cancels a slower statement, and a
     * database that stops answering at all fails the call a second later (see {@link DfsMetadataStore}).
     */
    static final SimpleAttributeDefinition QUERY_TIMEOUT = new SimpleAttributeDefinitionBuilder("query-timeout", ModelType.INT)
            .setRequired(false)
            .setAllowExpression(true)
            .setDefaultValue(new ModelNode(DfsMetadataStore.DEFAULT_QUERY_TIMEOUT_SECONDS))
            .setValidator(new IntRangeValidator(1, DfsMetadataStore.MAX_QUERY_TIMEOUT_SECONDS, true, true))
            .setMeasurementUnit(MeasurementUnit.SECONDS)
            .setRestartAllServices()
            .build();

    /** Optional: a persistence cache that serves lookups on every node; none by default. */
    static final CapabilityReferenceAttributeDefinition<SharedPersistenceCache> CACHE = new CapabilityReferenceAttributeDefinition.Builder<>("cache",
            CapabilityReference.builder(CAPABILITY, ClusterIOServiceDescriptor.PERSISTENCE_CACHE).build())
            .setRequired(false)
            .build();

    static final List<AttributeDefinition> ATTRIBUTES = List.of(DATA_SOURCE, TABLE, CREATE_SCHEMA, QUERY_TIMEOUT, CACHE);

    DfsMetadataHandlerResourceDefinitionRegistrar(ServiceValueExecutorRegistry<MetadataStore> running) {
        super(REGISTRATION, ATTRIBUTES, running);
    }

    /** The readiness check: the handler's table, through its datasource, whether the handler's service runs or not. */
    @Override
    ServiceDependency<DfsTableProbe> readinessProbe(OperationContext context, ModelNode model) throws OperationFailedException {
        String table = TABLE.resolveModelAttribute(context, model).asString();
        String dataSourceName = DATA_SOURCE.resolveModelAttribute(context, model).asString();
        String handlerName = context.getCurrentAddressValue();
        boolean createSchema = CREATE_SCHEMA.resolveModelAttribute(context, model).asBoolean();
        return DATA_SOURCE.resolve(context, model).map(dataSource -> new DfsTableProbe(dataSource, dataSourceName, table, handlerName, createSchema));
    }

    @Override
    CapabilityServiceInstaller.Builder<?, MetadataStore> service(OperationContext context, ModelNode model) throws OperationFailedException {
        String name = context.getCurrentAddressValue();
        String table = TABLE.resolveModelAttribute(context, model).asString();
        boolean createSchema = CREATE_SCHEMA.resolveModelAttribute(context, model).asBoolean();
        int queryTimeout = QUERY_TIMEOUT.resolveModelAttribute(context, model).asInt();
        ServiceDependency<DataSource> dataSource = DATA_SOURCE.resolve(context, model);
        ServiceDependency<SharedPersistenceCache> cache = CACHE.resolve(context, model);
        String dataSourceName = DATA_SOURCE.resolveModelAttribute(context, model).asString();
        // Every handler on the same table shares its cached lookups, whatever the handler is called.
        String namespace = "dfs:" + dataSourceName + "/" + table + ":";
        Function<DfsMetadataStore, MetadataStore> cached = store -> cache.get() == null ? store
                : (site, binarydata) -> new CachingMetadataHandler(store.forSite(site, binarydata), cache.get().shared(), namespace, site);
        return CapabilityServiceInstaller.builder(CAPABILITY, cached.andThen(ErrorCountingStores::of), () -> new DfsMetadataStore(name, dataSourceName, dataSource.get(), table, createSchema, queryTimeout))
                .requires(List.of(dataSource, cache))
                .onStop(DfsMetadataStore::close);
    }
}
