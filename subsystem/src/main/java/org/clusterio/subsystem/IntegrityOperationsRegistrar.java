package org.clusterio.subsystem;

import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.clusterio.integrity.IntegrityOptions;
import org.clusterio.integrity.IntegrityPlan;
import org.clusterio.integrity.IntegrityReport;
import org.clusterio.integrity.IntegrityRunner;
import org.clusterio.integrity.PurgeOptions;
import org.clusterio.integrity.PurgeTarget;
import org.clusterio.logging.ClusterIOLogger;
import org.jboss.as.controller.AttributeDefinition;
import org.jboss.as.controller.ObjectTypeAttributeDefinition;
import org.jboss.as.controller.OperationContext;
import org.jboss.as.controller.OperationDefinition;
import org.jboss.as.controller.OperationFailedException;
import org.jboss.as.controller.SimpleAttributeDefinition;
import org.jboss.as.controller.SimpleAttributeDefinitionBuilder;
import org.jboss.as.controller.SimpleOperationDefinitionBuilder;
import org.jboss.as.controller.StringListAttributeDefinition;
import org.jboss.as.controller.operations.validation.LongRangeValidator;
import org.jboss.as.controller.operations.validation.ParameterValidator;
import org.jboss.as.controller.registry.ManagementResourceRegistration;
import org.jboss.dmr.ModelNode;
import org.jboss.dmr.ModelType;
import org.wildfly.subsystem.resource.ManagementResourceRegistrar;

/**
 * The subsystem's integrity operations: {@code :check-integrity(site, metadata-and-binarydata, bulk-count, verify)},
 * read-only, {@code :purge(what, older-than, dry-run, ...)}, which writes store data and runs only for the roles
 * {@link StoreDataAccess} admits, and the runtime attribute {@code integrity-check}, the progress of the running or
 * last one and the metrics of the last run. This registrar describes them and hands the call to the
 * {@code integrity} package. One check or purge runs at a time per server.
 */
final class IntegrityOperationsRegistrar implements ManagementResourceRegistrar {

    static final SimpleAttributeDefinition HANDLERS = new SimpleAttributeDefinitionBuilder(IntegrityPlan.HANDLERS_PARAMETER, ModelType.STRING, true).build();
    static final SimpleAttributeDefinition OLDER_THAN = new SimpleAttributeDefinitionBuilder("older-than", ModelType.LONG, true)
            .setDefaultValue(new ModelNode(PurgeOptions.DEFAULT_OLDER_THAN.toSeconds()))
            .setValidator(new LongRangeValidator(0, Long.MAX_VALUE, true, false))
            .setMeasurementUnit(org.jboss.as.controller.client.helpers.MeasurementUnit.SECONDS)
            .build();
    static final SimpleAttributeDefinition PURGE_DRY_RUN = new SimpleAttributeDefinitionBuilder("dry-run", ModelType.BOOLEAN, true)
            .setDefaultValue(ModelNode.TRUE)
            .build();
    static final StringListAttributeDefinition WHAT = new StringListAttributeDefinition.Builder("what")
            .setRequired(false)
            .setDefaultValue(targets(PurgeTarget.values()))
            .setElementValidator(new TargetValidator())
            .build();

    static final OperationDefinition CHECK_INTEGRITY = new SimpleOperationDefinitionBuilder(IntegrityRunner.CHECK, ClusterIOSubsystemResourceDefinitionRegistrar.RESOLVER)
            .setParameters(MigrationOperationsRegistrar.SITE, HANDLERS, MigrationOperationsRegistrar.BULK_COUNT, MigrationOperationsRegistrar.VERIFY)
            .setReadOnly()
            .setRuntimeOnly()
            .setReplyParameters(reportFields())
            .build();

    static final OperationDefinition PURGE = new SimpleOperationDefinitionBuilder(IntegrityRunner.PURGE, ClusterIOSubsystemResourceDefinitionRegistrar.RESOLVER)
            .setParameters(WHAT, OLDER_THAN, PURGE_DRY_RUN, MigrationOperationsRegistrar.SITE, HANDLERS, MigrationOperationsRegistrar.BULK_COUNT)
            // It deletes records and bytes every node shares: only for roles that may write store data.
            .setRuntimeOnly()
            .setAccessConstraints(StoreDataAccess.WRITES_STORE_DATA)
            .setReplyParameters(reportFields())
            .build();

    static final ObjectTypeAttributeDefinition INTEGRITY_CHECK = ObjectTypeAttributeDefinition.Builder.of("integrity-check", reportFields())
            .setRequired(false)
            .setStorageRuntime()
            .build();

    private final IntegrityRunner runner;
    private final boolean runtime;

    /** @param runtime whether this process runs services (a server, not a host controller): only then the operations */
    IntegrityOperationsRegistrar(IntegrityRunner runner, boolean runtime) {
        this.runner = runner;
        this.runtime = runtime;
    }

    @Override
    public void register(ManagementResourceRegistration registration) {
        if (!runtime) {
            return;
        }
        registration.registerOperationHandler(CHECK_INTEGRITY, (context, operation) -> {
            IntegrityPlan plan = plan(context, operation);
            context.addStep((runtimeContext, ignored) -> runtimeContext.getResult().set(IntegrityReport.of(runner.check(plan))), OperationContext.Stage.RUNTIME);
        });
        registration.registerOperationHandler(PURGE, (context, operation) -> {
            StoreDataAccess.authorizeWrite(context, operation);
            IntegrityPlan plan = plan(context, operation);
            PurgeOptions options = purgeOptions(context, operation);
            context.addStep((runtimeContext, ignored) -> runtimeContext.getResult().set(IntegrityReport.of(runner.purge(plan, options))),
                    OperationContext.Stage.RUNTIME);
        });
        registration.registerReadOnlyAttribute(INTEGRITY_CHECK,
                (context, operation) -> context.getResult().set(runner.current().map(IntegrityReport::of).orElseGet(ModelNode::new)));
    }

    private static IntegrityPlan plan(OperationContext context, ModelNode operation) throws OperationFailedException {
        IntegrityOptions options = new IntegrityOptions(MigrationOperationsRegistrar.BULK_COUNT.resolveModelAttribute(context, operation).asInt(),
                operation.hasDefined(MigrationOperationsRegistrar.VERIFY.getName())
                        && MigrationOperationsRegistrar.VERIFY.resolveModelAttribute(context, operation).asBoolean());
        return IntegrityPlan.of(MigrationOperationsRegistrar.siteName(context, operation), HANDLERS.resolveModelAttribute(context, operation).asStringOrNull(),
                options, MigrationOperationsRegistrar.configuredHandlers(context), name -> MigrationOperationsRegistrar.site(context, name));
    }

    private static PurgeOptions purgeOptions(OperationContext context, ModelNode operation) throws OperationFailedException {
        Set<PurgeTarget> what = EnumSet.noneOf(PurgeTarget.class);
        for (String name : WHAT.unwrap(context, operation)) {
            what.add(PurgeTarget.of(name).orElseThrow(() -> unknownTarget(name)));
        }
        return new PurgeOptions(what, Duration.ofSeconds(OLDER_THAN.resolveModelAttribute(context, operation).asLong()),
                PURGE_DRY_RUN.resolveModelAttribute(context, operation).asBoolean());
    }

    private static OperationFailedException unknownTarget(String name) {
        return ClusterIOLogger.INTEGRITY_LOGGER.unknownPurgeTarget(name, Arrays.stream(PurgeTarget.values()).map(PurgeTarget::modelName).toList());
    }

    private static ModelNode targets(PurgeTarget... targets) {
        ModelNode list = new ModelNode().setEmptyList();
        for (PurgeTarget target : targets) {
            list.add(target.modelName());
        }
        return list;
    }

    /** The fields of the replies and the attribute, as {@link IntegrityReport} fills them. */
    private static AttributeDefinition[] reportFields() {
        List<AttributeDefinition> fields = new java.util.ArrayList<>();
        fields.add(MigrationOperationsRegistrar.field(IntegrityReport.OPERATION, ModelType.STRING));
        fields.add(MigrationOperationsRegistrar.field(IntegrityReport.DESCRIPTION, ModelType.STRING));
        fields.add(MigrationOperationsRegistrar.field(IntegrityReport.RUNNING, ModelType.BOOLEAN));
        fields.add(MigrationOperationsRegistrar.field(IntegrityReport.DRY_RUN, ModelType.BOOLEAN));
        fields.add(MigrationOperationsRegistrar.field(IntegrityReport.STARTED, ModelType.STRING));
        fields.add(MigrationOperationsRegistrar.field(IntegrityReport.ROWS_PER_SECOND, ModelType.DOUBLE));
        IntegrityReport.countFields().forEach(name -> fields.add(MigrationOperationsRegistrar.field(name, ModelType.LONG)));
        IntegrityReport.exampleFields().forEach(name -> fields.add(new StringListAttributeDefinition.Builder(name).setRequired(false).build()));
        return fields.toArray(AttributeDefinition[]::new);
    }

    /** Names the parameter and the values it takes, where WildFly's own validator would say only "invalid". */
    private static final class TargetValidator implements ParameterValidator {

        @Override
        public void validateParameter(String parameterName, ModelNode value) throws OperationFailedException {
            if (value.isDefined() && PurgeTarget.of(value.asString()).isEmpty()) {
                throw unknownTarget(value.asString());
            }
        }
    }
}
