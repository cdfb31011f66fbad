package org.clusterio.subsystem;

import org.jboss.as.controller.ModelVersion;
import org.jboss.as.controller.SubsystemModel;

/** The versions of the subsystem's management model. */
public enum ClusterIOSubsystemModel implements SubsystemModel {

    VERSION_1_0_0(1, 0, 0), // cluster-io 1.0
    VERSION_1_1_0(1, 1, 0), // http-cache, and a site's http-cache
    ;
    public static final ClusterIOSubsystemModel CURRENT = VERSION_1_1_0;

    private final ModelVersion version;

    ClusterIOSubsystemModel(int major, int minor, int micro) {
        this.version = ModelVersion.create(major, minor, micro);
    }

    @Override
    public ModelVersion getVersion() {
        return version;
    }
}
