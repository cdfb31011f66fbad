package org.clusterio.subsystem;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import org.clusterio.io.BinarydataStore;
import org.clusterio.io.ErrorCountingStores;
import org.clusterio.io.ReadinessProbe;
import org.clusterio.io.s3.S3BinarydataStore;
import org.clusterio.io.s3.S3Settings;
import org.clusterio.logging.ClusterIOLogger;
import org.jboss.as.controller.AttributeDefinition;
import org.jboss.as.controller.ObjectTypeAttributeDefinition;
import org.jboss.as.controller.OperationContext;
import org.jboss.as.controller.OperationFailedException;
import org.jboss.as.controller.PathElement;
import org.jboss.as.controller.ResourceRegistration;
import org.jboss.as.controller.SimpleAttributeDefinition;
import org.jboss.as.controller.SimpleAttributeDefinitionBuilder;
import org.jboss.as.controller.client.helpers.MeasurementUnit;
import org.jboss.as.controller.operations.validation.IntRangeValidator;
import org.jboss.as.controller.operations.validation.LongRangeValidator;
import org.jboss.as.controller.security.CredentialReference;
import org.jboss.dmr.ModelNode;
import org.jboss.dmr.ModelType;
import org.wildfly.common.function.ExceptionSupplier;
import org.wildfly.security.credential.PasswordCredential;
import org.wildfly.security.credential.source.CredentialSource;
import org.wildfly.security.password.interfaces.ClearPassword;
import org.wildfly.subsystem.service.ServiceDependency;
import org.wildfly.subsystem.service.capability.CapabilityServiceInstaller;
import org.wildfly.subsystem.service.capture.ServiceValueExecutorRegistry;

/**
 * {@code /subsystem=cluster-io/s3-binarydata-handler=*}: a bucket of Amazon S3 or an S3-compatible store that keeps
 * binaries, Ibexa DXP's alternative to NFS. Keys are {@code <prefix>/<path template for the site><id>}. Credentials
 * come from {@code access-key-id} and a {@code credential-reference} (credential store or clear text), or from the
 * SDK's default provider chain when neither is set. Changes take effect after a reload.
 */
public final class S3BinarydataHandlerResourceDefinitionRegistrar extends BinarydataHandlerResourceDefinitionRegistrar {

    enum ChecksumMode { WHEN_REQUIRED, WHEN_SUPPORTED }

    static final ResourceRegistration REGISTRATION = ResourceRegistration.of(PathElement.pathElement("s3-binarydata-handler"));

    static final SimpleAttributeDefinition BUCKET = string("bucket", null);
    static final SimpleAttributeDefinition PREFIX = string("prefix", "");
    static final SimpleAttributeDefinition REGION = string("region", "us-east-1");
    static final SimpleAttributeDefinition ENDPOINT = new SimpleAttributeDefinitionBuilder("endpoint", ModelType.STRING)
            .setRequired(false)
            .setAllowExpression(true)
            .setValidator(new AttributeValidators.UrlValidator())
            .setRestartAllServices()
            .build();
    static final SimpleAttributeDefinition PATH_STYLE_ACCESS = new SimpleAttributeDefinitionBuilder("path-style-access", ModelType.BOOLEAN)
            .setRequired(false)
            .setAllowExpression(true)
            .setDefaultValue(ModelNode.FALSE)
            .setRestartAllServices()
            .build();
    static final SimpleAttributeDefinition ACCESS_KEY_ID = new SimpleAttributeDefinitionBuilder("access-key-id", ModelType.STRING)
            .setRequired(false)
            .setAllowExpression(true)
            .setRequires(CredentialReference.CREDENTIAL_REFERENCE)
            .setRestartAllServices()
            .build();
    static final ObjectTypeAttributeDefinition CREDENTIAL_REFERENCE = CredentialReference.getAttributeBuilder(CredentialReference.CREDENTIAL_REFERENCE,
            CredentialReference.CREDENTIAL_REFERENCE, true, false)
            .setRequires(ACCESS_KEY_ID.getName())
            .setRestartAllServices()
            .build();
    static final SimpleAttributeDefinition PART_SIZE = new SimpleAttributeDefinitionBuilder("part-size", ModelType.LONG)
            .setRequired(false)
            .setAllowExpression(true)
            .setDefaultValue(new ModelNode(8L * 1024 * 1024))
            .setValidator(new LongRangeValidator(S3Settings.MIN_PART_SIZE, S3Settings.MAX_PART_SIZE, true, true))
            .setMeasurementUnit(MeasurementUnit.BYTES)
            .setRestartAllServices()
            .build();
    static final SimpleAttributeDefinition CONNECT_TIMEOUT = milliseconds("connect-timeout", 5_000);
    static final SimpleAttributeDefinition SOCKET_TIMEOUT = milliseconds("socket-timeout", 60_000);
    static final SimpleAttributeDefinition MAX_ATTEMPTS = new SimpleAttributeDefinitionBuilder("max-attempts", ModelType.INT)
            .setRequired(false)
            .setAllowExpression(true)
            .setDefaultValue(new ModelNode(3))
            .setValidator(new IntRangeValidator(1, 10, true, true))
            .setRestartAllServices()
            .build();
    /** {@code WHEN_REQUIRED} or {@code WHEN_SUPPORTED}, the constants' names, as the AWS SDK's enums spell them too. */
    static final SimpleAttributeDefinition CHECKSUM_MODE = EnumAttributes.optional("checksum-mode", ChecksumMode.WHEN_REQUIRED);

    /** The attributes written as XML attributes; the credential reference is a child element. */
    static final List<AttributeDefinition> XML_ATTRIBUTES = List.of(BUCKET, PREFIX, PATH_TEMPLATE, REGION, ENDPOINT, PATH_STYLE_ACCESS, ACCESS_KEY_ID,
            PART_SIZE, CONNECT_TIMEOUT, SOCKET_TIMEOUT, MAX_ATTEMPTS, CHECKSUM_MODE);

    static final List<AttributeDefinition> ATTRIBUTES = Stream.concat(XML_ATTRIBUTES.stream(), Stream.of(CREDENTIAL_REFERENCE)).toList();

    private static SimpleAttributeDefinition string(String name, String defaultValue) {
        return new SimpleAttributeDefinitionBuilder(name, ModelType.STRING)
                .setRequired(defaultValue == null)
                .setAllowExpression(true)
                .setDefaultValue(defaultValue == null || defaultValue.isEmpty() ? null : new ModelNode(defaultValue))
                .setValidator(defaultValue == null || !defaultValue.isEmpty() ? new AttributeValidators.NonEmptyValidator() : null)
                .setRestartAllServices()
                .build();
    }

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

    S3BinarydataHandlerResourceDefinitionRegistrar(ServiceValueExecutorRegistry<BinarydataStore> running) {
        super(REGISTRATION, ATTRIBUTES, running);
    }

    /** The readiness check: the store itself. */
    @Override
    ServiceDependency<ReadinessProbe> readinessProbe(OperationContext context, ModelNode model) {
        return ownValueAsProbe(context);
    }

    @Override
    CapabilityServiceInstaller.Builder<?, BinarydataStore> service(OperationContext context, ModelNode model) throws OperationFailedException {
        String bucket = BUCKET.resolveModelAttribute(context, model).asString();
        String prefix = PREFIX.resolveModelAttribute(context, model).asString("");
        String pathTemplate = PATH_TEMPLATE.resolveModelAttribute(context, model).asString();
        String region = REGION.resolveModelAttribute(context, model).asString();
        Optional<URI> endpoint = Optional.ofNullable(ENDPOINT.resolveModelAttribute(context, model).asStringOrNull()).map(URI::create);
        boolean pathStyle = PATH_STYLE_ACCESS.resolveModelAttribute(context, model).asBoolean();
        String accessKeyId = ACCESS_KEY_ID.resolveModelAttribute(context, model).asStringOrNull();
        int partSize = (int) PART_SIZE.resolveModelAttribute(context, model).asLong();
        Duration connectTimeout = Duration.ofMillis(CONNECT_TIMEOUT.resolveModelAttribute(context, model).asLong());
        Duration socketTimeout = Duration.ofMillis(SOCKET_TIMEOUT.resolveModelAttribute(context, model).asLong());
        int maxAttempts = MAX_ATTEMPTS.resolveModelAttribute(context, model).asInt();
        boolean whenRequired = EnumAttributes.resolve(CHECKSUM_MODE, ChecksumMode.class, context, model) == ChecksumMode.WHEN_REQUIRED;
        boolean staticCredentials = model.hasDefined(CREDENTIAL_REFERENCE.getName());

        // The credential store (if the reference names one) becomes a dependency of the handler's service.
        AtomicReference<ExceptionSupplier<CredentialSource, Exception>> secret = new AtomicReference<>();
        return CapabilityServiceInstaller.builder(CAPABILITY, ErrorCountingStores::of, () -> new S3BinarydataStore(
                        new S3Settings(bucket, region, endpoint, pathStyle,
                                staticCredentials ? Optional.of(new S3Settings.StaticKeys(accessKeyId, secretOf(secret.get(), bucket))) : Optional.empty(),
                                partSize, connectTimeout, socketTimeout, maxAttempts, whenRequired),
                        prefix, pathTemplate))
                .requires(builder -> {
                    if (staticCredentials) {
                        try {
                            secret.set(CredentialReference.getCredentialSourceSupplier(context, CREDENTIAL_REFERENCE, model, builder));
                        } catch (OperationFailedException e) {
                            throw new IllegalStateException(e.getMessage(), e);
                        }
                    }
                })
                .onStop(S3BinarydataStore::close);
    }

    private static String secretOf(ExceptionSupplier<CredentialSource, Exception> source, String bucket) {
        try {
            PasswordCredential credential = source.get().getCredential(PasswordCredential.class);
            if (credential == null) {
                throw ClusterIOLogger.ROOT_LOGGER.noPasswordInCredentialReference(bucket);
            }
            return new String(credential.getPassword(ClearPassword.class).getPassword());
        } catch (Exception e) {
            throw ClusterIOLogger.ROOT_LOGGER.unreadableSecretAccessKey(bucket, e.getMessage(), e);
        }
    }
}
