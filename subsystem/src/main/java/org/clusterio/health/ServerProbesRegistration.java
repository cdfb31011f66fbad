package org.clusterio.health;

import java.util.List;
import java.util.function.Supplier;

import org.clusterio.io.ReadinessProbe;
import org.jboss.msc.service.ServiceName;
import org.wildfly.extension.health.ServerProbesService;
import org.wildfly.subsystem.service.ResourceServiceInstaller;
import org.wildfly.subsystem.service.ServiceDependency;
import org.wildfly.subsystem.service.ServiceInstaller;

/**
 * A check among the probes of the {@code health} subsystem while the check's service runs. The subsystem's set of
 * probes is a plain set that it reads for each request: the check joins it when the server starts (or reloads), before
 * a probe relies on it, and leaves it when the resource goes.
 */
final class ServerProbesRegistration {

    private ServerProbesRegistration() {
    }

    static ResourceServiceInstaller installer(Supplier<BoundedCheck> check, ServiceDependency<? extends ReadinessProbe> probe) {
        ServiceDependency<ServerProbesService> probes = ServiceDependency.on(ServiceName.parse(ReadinessChecks.SERVER_PROBES));
        return ServiceInstaller.builder(() -> new ServerProbeAdapter(check.get()))
                .requires(List.of(probe, probes))
                .onStart(adapter -> probes.get().getServerProbes().add(adapter))
                .onStop(adapter -> {
                    probes.get().getServerProbes().remove(adapter);
                    adapter.check().close();
                })
                .asActive()
                .build();
    }
}
