package org.clusterio.subsystem;

import org.wildfly.subsystem.SubsystemConfiguration;
import org.wildfly.subsystem.SubsystemExtension;
import org.wildfly.subsystem.SubsystemPersistence;

/** Registers the {@code cluster-io} subsystem: its management model and its XML schema. */
public final class ClusterIOExtension extends SubsystemExtension<ClusterIOSubsystemSchema> {

    public ClusterIOExtension() {
        super(SubsystemConfiguration.of(ClusterIOSubsystemResourceDefinitionRegistrar.REGISTRATION, ClusterIOSubsystemModel.CURRENT, ClusterIOSubsystemResourceDefinitionRegistrar::new),
                SubsystemPersistence.of(ClusterIOSubsystemSchema.CURRENT));
    }
}
