package org.clusterio.subsystem;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.ToLongFunction;

import org.clusterio.migration.ConfiguredHandlers;
import org.clusterio.migration.FileMigration;
import org.clusterio.migration.HandlerPair;
import org.clusterio.migration.MigrationPlan;
import org.clusterio.migration.MigrationReport;
import org.clusterio.migration.MigrationRequest;
import org.clusterio.migration.MigrationRunner;
import org.clusterio.migration.MigrationTotals;
import org.jboss.as.controller.AttributeDefinition;
import org.jboss.as.controller.ObjectTypeAttributeDefinition;
import org.jboss.as.controller.OperationContext;
import org.jboss.as.controller.OperationDefinition;
import org.jboss.as.controller.OperationFailedException;
import org.jboss.as.controller.PathAddress;
import org.jboss.as.controller.PropertiesAttributeDefinition;
import org.jboss.as.controller.SimpleAttributeDefinition;
import org.jboss.as.controller.SimpleAttributeDefinitionBuilder;
import org.jboss.as.controller.SimpleOperationDefinitionBuilder;
import org.jboss.as.controller.StringListAttributeDefinition;
import org.jboss.as.controller.client.helpers.MeasurementUnit;
import org.jboss.as.controller.operations.validation.IntRangeValidator;
import org.jboss.as.controller.registry.ManagementResourceRegistration;
import org.jboss.as.controller.registry.Resource;
import org.jboss.dmr.ModelNode;
import org.jboss.dmr.ModelType;
import org.wildfly.subsystem.resource.ManagementResourceRegistrar;

/**
 * The subsystem's file migration: {@code :list-io-handlers}, {@code :migrate-files(from, to, site, dry-run,
 * bulk-count, verify, parallelism)} (Ibexa DXP's {@code ezplatform:io:migrate-files}) and the runtime attribute
 * {@code migration}, the progress of the running or last migration. This registrar describes them and hands a
 * request to the {@code migration} package, which plans, runs and reports it. One migration runs at a time per
 * server. {@code list-io-handlers} and the attribute are read-only (every role); {@code migrate-files} writes store
 * data and runs only for the roles {@link StoreDataAccess} admits.
 */
final class MigrationOperationsRegistrar implements ManagementResourceRegistrar {

    private static final List<String> METADATA_HANDLERS = List.of(FilesystemMetadataHandlerResourceDefinitionRegistrar.REGISTRATION.getPathElement().getKey(),
            DfsMetadataHandlerResourceDefinitionRegistrar.REGISTRATION.getPathElement().getKey());
    private static final List<String> BINARYDATA_HANDLERS = List.of(FilesystemBinarydataHandlerResourceDefinitionRegistrar.REGISTRATION.getPathElement().getKey(),
            S3BinarydataHandlerResourceDefinitionRegistrar.REGISTRATION.getPathElement().getKey());

    static final OperationDefinition LIST_IO_HANDLERS = new SimpleOperationDefinitionBuilder("list-io-handlers", ClusterIOSubsystemResourceDefinitionRegistrar.RESOLVER)
            .setReadOnly()
            .setReplyParameters(new StringListAttributeDefinition.Builder(MigrationReport.METADATA_HANDLERS).build(),
                    new StringListAttributeDefinition.Builder(MigrationReport.BINARYDATA_HANDLERS).build())
            .build();

    static final SimpleAttributeDefinition FROM = pairParameter("from");
    static final SimpleAttributeDefinition TO = pairParameter("to");
    static final SimpleAttributeDefinition SITE = new SimpleAttributeDefinitionBuilder("site", ModelType.STRING, true).build();
    static final SimpleAttributeDefinition DRY_RUN = flag("dry-run");
    static final SimpleAttributeDefinition VERIFY = flag("verify");
    static final SimpleAttributeDefinition BULK_COUNT = new SimpleAttributeDefinitionBuilder("bulk-count", ModelType.INT, true)
            .setDefaultValue(new ModelNode(100))
            .setValidator(new IntRangeValidator(1, 10_000, true, false))
            .build();
    static final SimpleAttributeDefinition PARALLELISM = new SimpleAttributeDefinitionBuilder("parallelism", ModelType.INT, true)
            .setDefaultValue(new ModelNode(4))
            .setValidator(new IntRangeValidator(1, 64, true, false))
            .build();

    static final OperationDefinition MIGRATE_FILES = new SimpleOperationDefinitionBuilder("migrate-files", ClusterIOSubsystemResourceDefinitionRegistrar.RESOLVER)
            .setParameters(FROM, TO, SITE, DRY_RUN, BULK_COUNT, VERIFY, PARALLELISM)
            // It writes to the destination's stores: never read-only, and only for roles that may write store data.
            .setRuntimeOnly()
            .setAccessConstraints(StoreDataAccess.WRITES_STORE_DATA)
            .setReplyParameters(field(MigrationReport.LISTED, ModelType.LONG), field(MigrationReport.COPIED, ModelType.LONG),
                    field(MigrationReport.SKIPPED, ModelType.LONG), field(MigrationReport.FAILED, ModelType.LONG),
                    new PropertiesAttributeDefinition.Builder(MigrationReport.FAILURES, true).build())
            .build();

    static final ObjectTypeAttributeDefinition MIGRATION = ObjectTypeAttributeDefinition.Builder.of("migration",
                    field(MigrationReport.DESCRIPTION, ModelType.STRING), field(MigrationReport.RUNNING, ModelType.BOOLEAN),
                    field(MigrationReport.DRY_RUN, ModelType.BOOLEAN), field(MigrationReport.TOTAL, ModelType.LONG),
                    field(MigrationReport.LISTED, ModelType.LONG), field(MigrationReport.COPIED, ModelType.LONG),
                    field(MigrationReport.SKIPPED, ModelType.LONG), field(MigrationReport.FAILED, ModelType.LONG),
                    field(MigrationReport.ELAPSED_SECONDS, ModelType.LONG), field(MigrationReport.FILES_PER_SECOND, ModelType.DOUBLE))
            .setRequired(false)
            .setStorageRuntime()
            .build();

    /** The totals of every run since the server started: unlike the object {@code migration}, exported as metrics. */
    static final AttributeDefinition FILES_MIGRATED = MetricDefinitions.longMetric("files-migrated", true);
    static final AttributeDefinition BYTES_MIGRATED = MetricDefinitions.longMetric("bytes-migrated", true, MeasurementUnit.BYTES);
    static final AttributeDefinition MIGRATION_FAILURES = MetricDefinitions.longMetric("migration-failures", true);

    private final MigrationRunner runner;
    private final boolean runtime;

    /** @param runtime whether this process runs services (a server, not a host controller): only then migrate-files and the attribute */
    MigrationOperationsRegistrar(MigrationRunner runner, boolean runtime) {
        this.runner = runner;
        this.runtime = runtime;
    }

    @Override
    public void register(ManagementResourceRegistration registration) {
        registration.registerOperationHandler(LIST_IO_HANDLERS,
                (context, operation) -> context.getResult().set(MigrationReport.handlers(configuredHandlers(context))));
        if (runtime) {
            registration.registerOperationHandler(MIGRATE_FILES, (context, operation) -> {
                StoreDataAccess.authorizeWrite(context, operation);
                MigrationPlan plan = MigrationPlan.of(request(context, operation), configuredHandlers(context), name -> site(context, name));
                context.addStep((runtimeContext, ignored) -> runtimeContext.getResult().set(MigrationReport.result(runner.run(plan))),
                        OperationContext.Stage.RUNTIME);
            });
            registration.registerReadOnlyAttribute(MIGRATION,
                    (context, operation) -> context.getResult().set(runner.current().map(MigrationReport::status).orElseGet(ModelNode::new)));
            registerTotal(registration, FILES_MIGRATED, MigrationTotals::files);
            registerTotal(registration, BYTES_MIGRATED, MigrationTotals::bytes);
            registerTotal(registration, MIGRATION_FAILURES, MigrationTotals::failures);
        }
    }

    private void registerTotal(ManagementResourceRegistration registration, AttributeDefinition metric, ToLongFunction<MigrationTotals> value) {
        registration.registerMetric(metric, (context, operation) -> context.getResult().set(value.applyAsLong(runner.totals())));
    }

    /** @return the call's parameters, resolved; the site is the default site unless the call names one */
    static MigrationRequest request(OperationContext context, ModelNode operation) throws OperationFailedException {
        String siteName = siteName(context, operation);
        FileMigration.Options options = new FileMigration.Options(BULK_COUNT.resolveModelAttribute(context, operation).asInt(),
                PARALLELISM.resolveModelAttribute(context, operation).asInt(), DRY_RUN.resolveModelAttribute(context, operation).asBoolean(),
                VERIFY.resolveModelAttribute(context, operation).asBoolean());
        return new MigrationRequest(siteName, FROM.resolveModelAttribute(context, operation).asStringOrNull(),
                TO.resolveModelAttribute(context, operation).asStringOrNull(), options);
    }

    /** @return the site the call names, or the default site */
    static String siteName(OperationContext context, ModelNode operation) throws OperationFailedException {
        ModelNode site = SITE.resolveModelAttribute(context, operation);
        return site.isDefined() ? site.asString()
                : ClusterIOSubsystemResourceDefinitionRegistrar.DEFAULT_SITE.resolveModelAttribute(context, context.readResource(PathAddress.EMPTY_ADDRESS).getModel()).asString();
    }

    static ConfiguredHandlers configuredHandlers(OperationContext context) {
        Resource subsystem = context.readResource(PathAddress.EMPTY_ADDRESS);
        return new ConfiguredHandlers(names(subsystem, METADATA_HANDLERS), names(subsystem, BINARYDATA_HANDLERS));
    }

    static Optional<MigrationPlan.Site> site(OperationContext context, String name) throws OperationFailedException {
        Resource subsystem = context.readResource(PathAddress.EMPTY_ADDRESS);
        Resource.ResourceEntry site = subsystem.getChildren(SiteResourceDefinitionRegistrar.REGISTRATION.getPathElement().getKey()).stream()
                .filter(entry -> entry.getName().equals(name)).findFirst().orElse(null);
        if (site == null) {
            return Optional.empty();
        }
        ModelNode model = site.getModel();
        HandlerPair handlers = new HandlerPair(SiteResourceDefinitionRegistrar.METADATA_HANDLER.resolveModelAttribute(context, model).asString(),
                SiteResourceDefinitionRegistrar.BINARYDATA_HANDLER.resolveModelAttribute(context, model).asString());
        return Optional.of(new MigrationPlan.Site(SiteResourceDefinitionRegistrar.layout(context, name, model), handlers));
    }

    private static List<String> names(Resource subsystem, List<String> types) {
        List<String> names = new ArrayList<>();
        for (String type : types) {
            names.addAll(subsystem.getChildrenNames(type));
        }
        return names;
    }

    private static SimpleAttributeDefinition pairParameter(String name) {
        return new SimpleAttributeDefinitionBuilder(name, ModelType.STRING, true).build();
    }

    static SimpleAttributeDefinition flag(String name) {
        return new SimpleAttributeDefinitionBuilder(name, ModelType.BOOLEAN, true).setDefaultValue(ModelNode.FALSE).build();
    }

    static SimpleAttributeDefinition field(String name, ModelType type) {
        return new SimpleAttributeDefinitionBuilder(name, type, true).build();
    }
}
