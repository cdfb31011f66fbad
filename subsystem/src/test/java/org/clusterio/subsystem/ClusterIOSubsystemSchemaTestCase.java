package org.clusterio.subsystem;

import java.util.EnumSet;

import org.clusterio.spi.WildFlyServiceDescriptor;
import org.jboss.as.controller.capability.RuntimeCapability;
import org.jboss.as.controller.services.path.PathManager;
import org.jboss.as.subsystem.test.AbstractSubsystemSchemaTest;
import org.jboss.as.subsystem.test.AdditionalInitialization;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;

/**
 * Every schema version: the XML parses into the model, marshals back to the same XML, re-parses into the same model,
 * and validates against its XSD.
 */
@RunWith(Parameterized.class)
public class ClusterIOSubsystemSchemaTestCase extends AbstractSubsystemSchemaTest<ClusterIOSubsystemSchema> {

    @Parameterized.Parameters
    public static Iterable<ClusterIOSubsystemSchema> parameters() {
        return EnumSet.allOf(ClusterIOSubsystemSchema.class);
    }

    public ClusterIOSubsystemSchemaTestCase(ClusterIOSubsystemSchema schema) {
        super(ClusterIOSubsystemResourceDefinitionRegistrar.REGISTRATION.getName(), new ClusterIOExtension(), schema, ClusterIOSubsystemSchema.CURRENT);
    }

    /** The server paths the test configuration refers to, which a real server always has. */
    static AdditionalInitialization serverPaths() {
        return AdditionalInitialization.withCapabilities(RuntimeCapability.resolveCapabilityName(PathManager.PATH_SERVICE_DESCRIPTOR, "jboss.server.data.dir"),
                RuntimeCapability.resolveCapabilityName(WildFlyServiceDescriptor.DATA_SOURCE, "ClusterIODS"),
                RuntimeCapability.resolveCapabilityName(WildFlyServiceDescriptor.CACHE_CONTAINER, "cluster-io"),
                RuntimeCapability.resolveCapabilityName(WildFlyServiceDescriptor.CACHE_CONFIGURATION, "cluster-io", "replicated"),
                RuntimeCapability.resolveCapabilityName(WildFlyServiceDescriptor.CACHE_CONFIGURATION, "cluster-io", "local"),
                RuntimeCapability.resolveCapabilityName(WildFlyServiceDescriptor.SESSION_MANAGEMENT_PROVIDER, "shop-profile"));
    }

    @Override
    protected AdditionalInitialization createAdditionalInitialization() {
        return serverPaths();
    }

    @Override
    protected String getSubsystemXsdPathPattern() {
        return "schema/%1$s_%2$d_%3$d.xsd";
    }
}
