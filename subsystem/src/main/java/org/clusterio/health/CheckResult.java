package org.clusterio.health;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one readiness check found: UP or DOWN, and what the operator reads next to it (what was checked, the members
 * of the cluster, or the reason of a DOWN).
 */
public record CheckResult(boolean up, Map<String, String> data) {

    public CheckResult {
        data = Map.copyOf(data);
    }

    static CheckResult up(Map<String, String> found) {
        return new CheckResult(true, found);
    }

    static CheckResult down(Map<String, String> checked, String reason) {
        Map<String, String> data = new LinkedHashMap<>(checked);
        data.put("reason", reason);
        return new CheckResult(false, data);
    }
}
