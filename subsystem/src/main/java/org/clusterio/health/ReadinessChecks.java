package org.clusterio.health;

import java.util.Map;
import java.util.function.Supplier;

import org.clusterio.io.ReadinessProbe;
import org.clusterio.logging.ClusterIOLogger;
import org.jboss.as.controller.OperationContext;
import org.jboss.as.controller.capability.RuntimeCapability;
import org.wildfly.subsystem.service.ResourceServiceInstaller;
import org.wildfly.subsystem.service.ServiceDependency;

/**
 * Adds a resource's readiness check to {@code /health/ready} of the management interface, through whichever of
 * WildFly's health subsystems answers it: MicroProfile Health where it is installed, else the {@code health}
 * subsystem. Both are optional requirements: without them the resource installs no check, and nothing of theirs is
 * loaded.
 */
public final class ReadinessChecks {

    /** Provided by the {@code health} subsystem: the probes it runs for {@code /health/ready}. */
    static final String SERVER_PROBES = "org.wildfly.extension.health.server-probes";

    /** Provided by the {@code microprofile-health-smallrye} subsystem, which then answers {@code /health/ready}. */
    static final String MICROPROFILE_HEALTH_REPORTER = "org.wildfly.extension.microprofile.health.reporter";

    private ReadinessChecks() {
    }

    /**
     * @param dependent the resource's capability, which takes the optional requirement
     * @param name what the operator sees, such as {@code cluster-io-dfs-default}
     * @param checked what the check is about, shown with every result
     * @param probe what to check, a dependency of the check's service
     * @return an installer of the check's service; one that installs nothing on a server without health subsystem
     */
    public static ResourceServiceInstaller installer(OperationContext context, RuntimeCapability<?> dependent, String name, Map<String, String> checked,
            ServiceDependency<? extends ReadinessProbe> probe) {
        Supplier<BoundedCheck> check = () -> BoundedCheck.start(name, checked, probe.get());
        if (context.hasOptionalCapability(MICROPROFILE_HEALTH_REPORTER, dependent, null)) {
            return MicroProfileHealthRegistration.installer(check, probe);
        }
        if (context.hasOptionalCapability(SERVER_PROBES, dependent, null)) {
            if (!ServerProbeAdapter.outcomesAvailable()) {
                ClusterIOLogger.ROOT_LOGGER.serverProbesUnavailable(name);
                return ResourceServiceInstaller.combine();
            }
            return ServerProbesRegistration.installer(check, probe);
        }
        return ResourceServiceInstaller.combine();
    }
}
