package org.clusterio.health;

import java.util.List;
import java.util.function.Supplier;

import org.clusterio.io.ReadinessProbe;
import org.clusterio.logging.ClusterIOLogger;
import org.jboss.msc.service.ServiceName;
import org.wildfly.extension.microprofile.health.MicroProfileHealthReporter;
import org.wildfly.subsystem.service.ResourceServiceInstaller;
import org.wildfly.subsystem.service.ServiceDependency;
import org.wildfly.subsystem.service.ServiceInstaller;

/**
 * A check among the readiness checks of MicroProfile Health while the check's service runs. Registered as a
 * readiness check, not as one of the server's own procedures: MicroProfile Health copies those from the
 * {@code health} subsystem once, when it starts, and offers no way to remove one.
 */
final class MicroProfileHealthRegistration {

    private MicroProfileHealthRegistration() {
    }

    static ResourceServiceInstaller installer(Supplier<BoundedCheck> check, ServiceDependency<? extends ReadinessProbe> probe) {
        ServiceDependency<MicroProfileHealthReporter> reporter = ServiceDependency.on(ServiceName.parse(ReadinessChecks.MICROPROFILE_HEALTH_REPORTER));
        return ServiceInstaller.builder(() -> new MicroProfileReadinessCheck(check.get()))
                .requires(List.of(probe, reporter))
                .onStart(readiness -> {
                    // Its checks are in a plain HashMap, and the checks' services start in parallel: one change at a time.
                    synchronized (reporter.get()) {
                        reporter.get().addReadinessCheck(readiness, MicroProfileHealthRegistration.class.getClassLoader());
                    }
                    ClusterIOLogger.ROOT_LOGGER.readinessCheckRegistered(readiness.check().name(), "microprofile-health-smallrye");
                })
                .onStop(readiness -> {
                    synchronized (reporter.get()) {
                        reporter.get().removeReadinessCheck(readiness);
                    }
                    readiness.check().close();
                })
                .asActive()
                .build();
    }
}
