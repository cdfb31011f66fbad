package org.clusterio.health;

import java.util.List;
import java.util.function.Supplier;

import org.clusterio.io.ReadinessProbe;
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
                .onStart(readiness -> reporter.get().addReadinessCheck(readiness, MicroProfileHealthRegistration.class.getClassLoader()))
                .onStop(readiness -> {
                    reporter.get().removeReadinessCheck(readiness);
                    readiness.check().close();
                })
                .asActive()
                .build();
    }
}
