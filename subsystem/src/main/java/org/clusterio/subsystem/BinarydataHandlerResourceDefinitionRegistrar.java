package org.clusterio.subsystem;

import java.util.List;

import org.clusterio.io.BinarydataStore;
import org.clusterio.spi.ClusterIOServiceDescriptor;
import org.clusterio.io.SiteLayout;
import org.jboss.as.controller.AttributeDefinition;
import org.jboss.as.controller.ResourceRegistration;
import org.jboss.as.controller.SimpleAttributeDefinition;
import org.jboss.as.controller.SimpleAttributeDefinitionBuilder;
import org.jboss.as.controller.capability.RuntimeCapability;
import org.jboss.dmr.ModelNode;
import org.jboss.dmr.ModelType;
import org.wildfly.subsystem.service.capture.ServiceValueExecutorRegistry;

/**
 * The binarydata handlers ({@code filesystem-binarydata-handler}, {@code s3-binarydata-handler}): one capability for
 * the family, so that a site names its binarydata handler whatever its type, and the attributes every store of
 * binaries has.
 */
abstract class BinarydataHandlerResourceDefinitionRegistrar extends HandlerResourceDefinitionRegistrar<BinarydataStore> {

    static final RuntimeCapability<Void> CAPABILITY = RuntimeCapability.Builder.of(ClusterIOServiceDescriptor.BINARYDATA_HANDLER).build();

    /** Where a site's binaries are below the store's root (a directory, or a bucket's prefix). */
    static final SimpleAttributeDefinition PATH_TEMPLATE = new SimpleAttributeDefinitionBuilder("path-template", ModelType.STRING)
            .setRequired(false)
            .setAllowExpression(true)
            .setDefaultValue(new ModelNode(SiteLayout.VAR_DIR_PLACEHOLDER + "/" + SiteLayout.STORAGE_DIR_PLACEHOLDER + "/"))
            .setValidator(new AttributeValidators.PathTemplateValidator())
            .setRestartAllServices()
            .build();

    BinarydataHandlerResourceDefinitionRegistrar(ResourceRegistration registration, List<AttributeDefinition> attributes,
            ServiceValueExecutorRegistry<BinarydataStore> running) {
        super(registration, CAPABILITY, ClusterIOServiceDescriptor.BINARYDATA_HANDLER, attributes, running);
    }
}
