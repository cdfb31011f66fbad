package org.clusterio.subsystem;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.clusterio.io.BinarydataStore;
import org.clusterio.io.ErrorCountingStores;
import org.clusterio.io.ReadinessProbe;
import org.clusterio.io.fs.FilesystemBinarydataStore;
import org.clusterio.io.fs.PosixPermissions;
import org.clusterio.logging.ClusterIOLogger;
import org.jboss.as.controller.AttributeDefinition;
import org.jboss.as.controller.OperationContext;
import org.jboss.as.controller.OperationFailedException;
import org.jboss.as.controller.PathElement;
import org.jboss.as.controller.ResourceRegistration;
import org.jboss.as.controller.SimpleAttributeDefinition;
import org.jboss.as.controller.SimpleAttributeDefinitionBuilder;
import org.jboss.as.controller.client.helpers.MeasurementUnit;
import org.jboss.as.controller.operations.validation.LongRangeValidator;
import org.jboss.as.controller.operations.validation.StringLengthValidator;
import org.jboss.as.controller.services.path.PathManager;
import org.jboss.dmr.ModelNode;
import org.jboss.dmr.ModelType;
import org.wildfly.subsystem.resource.capability.CapabilityReference;
import org.wildfly.subsystem.resource.capability.CapabilityReferenceAttributeDefinition;
import org.wildfly.subsystem.service.ServiceDependency;
import org.wildfly.subsystem.service.capability.CapabilityServiceInstaller;
import org.wildfly.subsystem.service.capture.ServiceValueExecutorRegistry;

/**
 * {@code /subsystem=cluster-io/filesystem-binarydata-handler=*}: a local or NFS directory that stores binaries.
 * Changes take effect after a reload, because sites and deployments hold the handler.
 */
public final class FilesystemBinarydataHandlerResourceDefinitionRegistrar extends BinarydataHandlerResourceDefinitionRegistrar {

    static final ResourceRegistration REGISTRATION = ResourceRegistration.of(PathElement.pathElement("filesystem-binarydata-handler"));

    static final SimpleAttributeDefinition PATH = new SimpleAttributeDefinitionBuilder("path", ModelType.STRING)
            .setAllowExpression(true)
            .setValidator(new StringLengthValidator(1, false, true))
            .setRestartAllServices()
            .build();

    /** A reference to a path capability, so that a misspelt path name fails at add. */
    static final CapabilityReferenceAttributeDefinition<String> RELATIVE_TO = new CapabilityReferenceAttributeDefinition.Builder<>("relative-to",
            CapabilityReference.builder(CAPABILITY, PathManager.PATH_SERVICE_DESCRIPTOR).build())
            .setRequired(false)
            .build();

    static final SimpleAttributeDefinition FILE_PERMISSIONS = permissions("file-permissions", "0644");
    static final SimpleAttributeDefinition DIRECTORY_PERMISSIONS = permissions("directory-permissions", "0755");

    static final SimpleAttributeDefinition FSYNC = new SimpleAttributeDefinitionBuilder("fsync", ModelType.BOOLEAN)
            .setRequired(false)
            .setAllowExpression(true)
            .setDefaultValue(ModelNode.TRUE)
            .setRestartAllServices()
            .build();

    /**
     * How long a temporary file of a write must have been left unmodified before the sweep removes it. A live write
     * modifies its file with every buffer, so this bounds the pause of a stalled upload, not the length of a slow one;
     * an hour is far beyond any HTTP read timeout and any clock difference between NFS clients, and a leftover costs
     * only disk space while it waits. One minute at least: less would race live writes on a busy NFS server.
     */
    static final SimpleAttributeDefinition TEMPORARY_FILE_MAX_AGE = new SimpleAttributeDefinitionBuilder("temporary-file-max-age", ModelType.LONG)
            .setRequired(false)
            .setAllowExpression(true)
            .setDefaultValue(new ModelNode(3600L))
            .setValidator(new LongRangeValidator(60, Long.MAX_VALUE / 1000, true, true))
            .setMeasurementUnit(MeasurementUnit.SECONDS)
            .setRestartAllServices()
            .build();

    static final List<AttributeDefinition> ATTRIBUTES = List.of(PATH, RELATIVE_TO, PATH_TEMPLATE, FILE_PERMISSIONS, DIRECTORY_PERMISSIONS, FSYNC,
            TEMPORARY_FILE_MAX_AGE);

    private static SimpleAttributeDefinition permissions(String name, String defaultValue) {
        return new SimpleAttributeDefinitionBuilder(name, ModelType.STRING)
                .setRequired(false)
                .setAllowExpression(true)
                .setDefaultValue(new ModelNode(defaultValue))
                .setValidator(new AttributeValidators.OctalPermissionsValidator())
                .setRestartAllServices()
                .build();
    }

    FilesystemBinarydataHandlerResourceDefinitionRegistrar(ServiceValueExecutorRegistry<BinarydataStore> running) {
        super(REGISTRATION, ATTRIBUTES, running);
    }

    /** The readiness check: the store itself. */
    @Override
    ServiceDependency<ReadinessProbe> readinessProbe(OperationContext context, ModelNode model) {
        return ownValueAsProbe(context);
    }

    @Override
    CapabilityServiceInstaller.Builder<?, BinarydataStore> service(OperationContext context, ModelNode model) throws OperationFailedException {
        String path = PATH.resolveModelAttribute(context, model).asString();
        String relativeTo = RELATIVE_TO.resolveModelAttribute(context, model).asStringOrNull();
        if (relativeTo == null && !Path.of(path).isAbsolute()) {
            throw ClusterIOLogger.ROOT_LOGGER.relativeHandlerPath(path, context.getCurrentAddressValue());
        }
        String pathTemplate = PATH_TEMPLATE.resolveModelAttribute(context, model).asString();
        String filePermissions = FILE_PERMISSIONS.resolveModelAttribute(context, model).asString();
        String directoryPermissions = DIRECTORY_PERMISSIONS.resolveModelAttribute(context, model).asString();
        boolean fsync = FSYNC.resolveModelAttribute(context, model).asBoolean();
        Duration temporaryFileMaxAge = Duration.ofSeconds(TEMPORARY_FILE_MAX_AGE.resolveModelAttribute(context, model).asLong());
        String name = context.getCurrentAddressValue();

        ServiceDependency<PathManager> pathManager = ServiceDependency.on(PathManager.SERVICE_DESCRIPTOR);
        return CapabilityServiceInstaller.builder(CAPABILITY, ErrorCountingStores::of, () -> new FilesystemBinarydataStore(
                        Path.of(pathManager.get().resolveRelativePathEntry(path, relativeTo)), pathTemplate,
                        PosixPermissions.fromOctal(filePermissions), PosixPermissions.fromOctal(directoryPermissions), fsync))
                .requires(pathManager)
                .onStart(store -> store.startSweeping(name, temporaryFileMaxAge))
                .onStop(FilesystemBinarydataStore::close);
    }
}
