package org.clusterio.health;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

/**
 * A check as a readiness check of MicroProfile Health, which answers {@code /health/ready} instead of the
 * {@code health} subsystem when it is installed (and reads the health subsystem's probes only once, when it starts).
 * Loaded only on servers that have it.
 */
final class MicroProfileReadinessCheck implements HealthCheck {

    private final BoundedCheck check;

    MicroProfileReadinessCheck(BoundedCheck check) {
        this.check = check;
    }

    BoundedCheck check() {
        return check;
    }

    @Override
    public HealthCheckResponse call() {
        CheckResult result = check.check();
        HealthCheckResponseBuilder response = HealthCheckResponse.named(check.name()).status(result.up());
        result.data().forEach(response::withData);
        return response.build();
    }
}
