package org.clusterio.health;

import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.clusterio.io.ReadinessProbe;
import org.clusterio.logging.ClusterIOLogger;
import org.jboss.msc.service.ServiceName;
import org.wildfly.extension.health.ServerProbe;
import org.wildfly.extension.health.ServerProbesService;
import org.wildfly.subsystem.service.ResourceServiceInstaller;
import org.wildfly.subsystem.service.ServiceDependency;
import org.wildfly.subsystem.service.ServiceInstaller;

/**
 * A check among the probes of the {@code health} subsystem while the check's service runs: the check joins the
 * subsystem's set of probes, which it reads for each request, when the server starts (or reloads), and leaves it when
 * the resource goes.
 */
final class ServerProbesRegistration {

    private ServerProbesRegistration() {
    }

    static ResourceServiceInstaller installer(Supplier<BoundedCheck> check, ServiceDependency<? extends ReadinessProbe> probe) {
        ServiceDependency<ServerProbesService> probes = ServiceDependency.on(ServiceName.parse(ReadinessChecks.SERVER_PROBES));
        return ServiceInstaller.builder(() -> new ServerProbeAdapter(check.get()))
                .requires(List.of(probe, probes))
                .onStart(adapter -> {
                    change(probes.get().getServerProbes(), set -> set.add(adapter));
                    ClusterIOLogger.ROOT_LOGGER.readinessCheckRegistered(adapter.getName(), "health");
                })
                .onStop(adapter -> {
                    change(probes.get().getServerProbes(), set -> set.remove(adapter));
                    adapter.check().close();
                })
                .asActive()
                .build();
    }

    /**
     * The checks' services start in parallel, and the set is a plain {@code HashSet}: the changes hold its lock, so
     * that none is lost. (The subsystem reads it without a lock, so a request during a reload may miss a check.)
     */
    private static void change(Set<ServerProbe> probes, Consumer<Set<ServerProbe>> change) {
        synchronized (probes) {
            change.accept(probes);
        }
    }
}
