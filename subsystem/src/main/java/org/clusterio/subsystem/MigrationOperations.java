package org.clusterio.subsystem;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.clusterio.io.BinarydataHandler;
import org.clusterio.io.BinarydataStore;
import org.clusterio.io.MetadataStore;
import org.clusterio.io.SiteLayout;
import org.clusterio.logging.ClusterIOLogger;
import org.clusterio.migration.FileMigration;
import org.clusterio.migration.MigrationProgress;
import org.jboss.as.controller.ObjectTypeAttributeDefinition;
import org.jboss.as.controller.OperationContext;
import org.jboss.as.controller.OperationDefinition;
import org.jboss.as.controller.OperationFailedException;
import org.jboss.as.controller.PropertiesAttributeDefinition;
import org.jboss.as.controller.PathAddress;
import org.jboss.as.controller.SimpleAttributeDefinition;
import org.jboss.as.controller.SimpleAttributeDefinitionBuilder;
import org.jboss.as.controller.SimpleOperationDefinitionBuilder;
import org.jboss.as.controller.StringListAttributeDefinition;
import org.jboss.as.controller.operations.validation.IntRangeValidator;
import org.jboss.as.controller.registry.ManagementResourceRegistration;
import org.jboss.as.controller.registry.Resource;
import org.jboss.dmr.ModelNode;
import org.jboss.dmr.ModelType;

/**
 * The subsystem's file migration: {@code :list-io-handlers}, {@code :migrate-files(from, to, site, dry-run,
 * bulk-count, verify, parallelism)} (Ibexa DXP's {@code ezplatform:io:migrate-files}) and the runtime attribute
 * {@code migration}, the progress of the running or last migration. Ibexa DXP's defaults: {@code from} is the site's
 * own pair, {@code to} the first other handler of each kind. One migration runs at a time per server.
 * {@code list-io-handlers} and the attribute are read-only (every role); {@code migrate-files} writes store data and
 * runs only for the roles {@link StoreDataAccess} admits.
 */
final class MigrationOperations {

    private static final List<String> METADATA_HANDLERS = List.of(FilesystemMetadataHandlerResourceDefinitionRegistrar.REGISTRATION.getPathElement().getKey(),
            DfsMetadataHandlerResourceDefinitionRegistrar.REGISTRATION.getPathElement().getKey());
    private static final List<String> BINARYDATA_HANDLERS = List.of(FilesystemBinarydataHandlerResourceDefinitionRegistrar.REGISTRATION.getPathElement().getKey(),
            S3BinarydataHandlerResourceDefinitionRegistrar.REGISTRATION.getPathElement().getKey());

    static final OperationDefinition LIST_IO_HANDLERS = new SimpleOperationDefinitionBuilder("list-io-handlers", ClusterIOSubsystemResourceDefinitionRegistrar.RESOLVER)
            .setReadOnly()
            .setReplyParameters(new StringListAttributeDefinition.Builder("metadata-handlers").build(),
                    new StringListAttributeDefinition.Builder("binarydata-handlers").build())
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
            .setReplyParameters(runtimeField("listed", ModelType.LONG), runtimeField("copied", ModelType.LONG), runtimeField("skipped", ModelType.LONG),
                    runtimeField("failed", ModelType.LONG), new PropertiesAttributeDefinition.Builder("failures", true).build())
            .build();

    static final ObjectTypeAttributeDefinition MIGRATION = ObjectTypeAttributeDefinition.Builder.of("migration",
                    runtimeField("description", ModelType.STRING), runtimeField("running", ModelType.BOOLEAN), runtimeField("dry-run", ModelType.BOOLEAN),
                    runtimeField("total", ModelType.LONG), runtimeField("listed", ModelType.LONG), runtimeField("copied", ModelType.LONG),
                    runtimeField("skipped", ModelType.LONG), runtimeField("failed", ModelType.LONG), runtimeField("elapsed-seconds", ModelType.LONG),
                    runtimeField("files-per-second", ModelType.DOUBLE))
            .setRequired(false)
            .setStorageRuntime()
            .build();

    private static final Duration LOG_EVERY = Duration.ofSeconds(10);

    private final RunningValues<MetadataStore> metadataHandlers;
    private final RunningValues<BinarydataStore> binarydataHandlers;
    private final AtomicReference<MigrationProgress> current = new AtomicReference<>();

    MigrationOperations(RunningValues<MetadataStore> metadataHandlers, RunningValues<BinarydataStore> binarydataHandlers) {
        this.metadataHandlers = metadataHandlers;
        this.binarydataHandlers = binarydataHandlers;
    }

    void register(ManagementResourceRegistration registration, boolean runtime) {
        registration.registerOperationHandler(LIST_IO_HANDLERS, (context, operation) -> {
            Resource subsystem = context.readResource(PathAddress.EMPTY_ADDRESS);
            ModelNode result = context.getResult();
            result.get("metadata-handlers").set(new ModelNode().setEmptyList());
            result.get("binarydata-handlers").set(new ModelNode().setEmptyList());
            names(subsystem, METADATA_HANDLERS).forEach(name -> result.get("metadata-handlers").add(name));
            names(subsystem, BINARYDATA_HANDLERS).forEach(name -> result.get("binarydata-handlers").add(name));
        });
        if (runtime) {
            registration.registerOperationHandler(MIGRATE_FILES, (context, operation) -> {
                StoreDataAccess.authorizeWrite(context, operation);
                MigrationRun run = plan(context, operation);
                context.addStep((runtimeContext, ignored) -> execute(runtimeContext, run), OperationContext.Stage.RUNTIME);
            });
            registration.registerReadOnlyAttribute(MIGRATION, (context, operation) -> {
                MigrationProgress progress = current.get();
                context.getResult().set(progress == null ? new ModelNode() : status(progress));
            });
        }
    }

    /** What one call asked for, checked against the model before anything runs. */
    private record MigrationRun(String site, SiteLayout layout, String[] from, String[] to, FileMigration.Options options) {
    }

    private MigrationRun plan(OperationContext context, ModelNode operation) throws OperationFailedException {
        Resource subsystem = context.readResource(PathAddress.EMPTY_ADDRESS);
        ModelNode siteName = SITE.resolveModelAttribute(context, operation);
        String site = siteName.isDefined() ? siteName.asString()
                : ClusterIOSubsystemResourceDefinitionRegistrar.DEFAULT_SITE.resolveModelAttribute(context, subsystem.getModel()).asString();
        Resource.ResourceEntry siteResource = subsystem.getChildren(SiteResourceDefinitionRegistrar.REGISTRATION.getPathElement().getKey()).stream()
                .filter(entry -> entry.getName().equals(site)).findFirst()
                .orElseThrow(() -> new OperationFailedException("site: there is no site '" + site + "'"));
        ModelNode siteModel = siteResource.getModel();
        List<String> metadata = names(subsystem, METADATA_HANDLERS);
        List<String> binarydata = names(subsystem, BINARYDATA_HANDLERS);

        String[] from = pair(FROM, context, operation, metadata, binarydata, new String[] {
                SiteResourceDefinitionRegistrar.METADATA_HANDLER.resolveModelAttribute(context, siteModel).asString(),
                SiteResourceDefinitionRegistrar.BINARYDATA_HANDLER.resolveModelAttribute(context, siteModel).asString() });
        String[] to = pair(TO, context, operation, metadata, binarydata, new String[] { firstOther(metadata, from[0]), firstOther(binarydata, from[1]) });
        if (from[0].equals(to[0]) && from[1].equals(to[1])) {
            throw new OperationFailedException("from and to are the same handlers (" + String.join(",", from) + "): there is nothing to migrate");
        }
        FileMigration.Options options = new FileMigration.Options(BULK_COUNT.resolveModelAttribute(context, operation).asInt(),
                PARALLELISM.resolveModelAttribute(context, operation).asInt(), DRY_RUN.resolveModelAttribute(context, operation).asBoolean(),
                VERIFY.resolveModelAttribute(context, operation).asBoolean());
        return new MigrationRun(site, SiteResourceDefinitionRegistrar.layout(context, site, siteModel), from, to, options);
    }

    private void execute(OperationContext context, MigrationRun run) throws OperationFailedException {
        FileMigration.Handlers from = handlers(run.from(), run.layout());
        FileMigration.Handlers to = handlers(run.to(), run.layout());
        MigrationProgress progress = new MigrationProgress(from + " -> " + to + " (site " + run.site() + ")", run.options().dryRun());
        MigrationProgress previous = current.get();
        if (previous != null && previous.running() || !current.compareAndSet(previous, progress)) {
            throw new OperationFailedException("A migration is already running: " + current.get().description() + "; see the subsystem's migration attribute");
        }
        ClusterIOLogger.ROOT_LOGGER.migrationStarted(progress.description(), run.options().dryRun() ? "dry run: nothing is written" : "writing");
        new FileMigration(from, to, run.options(), progress, LOG_EVERY, MigrationOperations::log).run();
        log(progress);
        ModelNode result = context.getResult();
        result.get("listed").set(progress.listed());
        result.get("copied").set(progress.copied());
        result.get("skipped").set(progress.skipped());
        result.get("failed").set(progress.failed());
        ModelNode failures = result.get("failures").setEmptyObject();
        progress.failures().forEach(failure -> failures.get(failure.id()).set(failure.reason()));
    }

    private static void log(MigrationProgress progress) {
        ClusterIOLogger.ROOT_LOGGER.migrationProgress(progress.description(), progress.done(), progress.total(), progress.copied(), progress.skipped(),
                progress.failed(), Math.round(progress.filesPerSecond()), progress.running() ? "running" : "finished");
    }

    private FileMigration.Handlers handlers(String[] pair, SiteLayout layout) throws OperationFailedException {
        MetadataStore metadata = metadataHandlers.get(pair[0])
                .orElseThrow(() -> new OperationFailedException("Metadata handler '" + pair[0] + "' is not running; reload the server first"));
        BinarydataStore binarydataStore = binarydataHandlers.get(pair[1])
                .orElseThrow(() -> new OperationFailedException("Binarydata handler '" + pair[1] + "' is not running; reload the server first"));
        BinarydataHandler binarydata = binarydataStore.forSite(layout);
        return new FileMigration.Handlers(pair[0], metadata.forSite(layout, binarydata), pair[1], binarydata);
    }

    private static ModelNode status(MigrationProgress progress) {
        ModelNode status = new ModelNode();
        status.get("description").set(progress.description());
        status.get("running").set(progress.running());
        status.get("dry-run").set(progress.dryRun());
        status.get("total").set(progress.total());
        status.get("listed").set(progress.listed());
        status.get("copied").set(progress.copied());
        status.get("skipped").set(progress.skipped());
        status.get("failed").set(progress.failed());
        status.get("elapsed-seconds").set(progress.elapsed().toSeconds());
        status.get("files-per-second").set(progress.filesPerSecond());
        return status;
    }

    /** @return {@code <metadata>,<binarydata>} given by the parameter, or the default; every name configured */
    private static String[] pair(SimpleAttributeDefinition parameter, OperationContext context, ModelNode operation, List<String> metadata, List<String> binarydata,
            String[] otherwise) throws OperationFailedException {
        ModelNode value = parameter.resolveModelAttribute(context, operation);
        if (!value.isDefined()) {
            return otherwise;
        }
        String[] pair = value.asString().split(",", -1);
        if (pair.length != 2 || pair[0].isBlank() || pair[1].isBlank()) {
            throw new OperationFailedException("'" + value.asString() + "' is an invalid value for " + parameter.getName()
                    + ": it must be <metadata handler>,<binarydata handler>, such as dfs,nfs");
        }
        pair[0] = pair[0].strip();
        pair[1] = pair[1].strip();
        if (!metadata.contains(pair[0])) {
            throw new OperationFailedException(parameter.getName() + ": metadata handler '" + pair[0] + "' is not configured; the metadata handlers are " + metadata);
        }
        if (!binarydata.contains(pair[1])) {
            throw new OperationFailedException(parameter.getName() + ": binarydata handler '" + pair[1] + "' is not configured; the binarydata handlers are " + binarydata);
        }
        return pair;
    }

    private static String firstOther(List<String> names, String other) {
        return names.stream().filter(name -> !name.equals(other)).findFirst().orElse(other);
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

    private static SimpleAttributeDefinition flag(String name) {
        return new SimpleAttributeDefinitionBuilder(name, ModelType.BOOLEAN, true).setDefaultValue(ModelNode.FALSE).build();
    }

    private static SimpleAttributeDefinition runtimeField(String name, ModelType type) {
        return new SimpleAttributeDefinitionBuilder(name, type, true).build();
    }
}
