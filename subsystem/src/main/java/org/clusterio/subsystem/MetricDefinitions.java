package org.clusterio.subsystem;

import org.jboss.as.controller.AttributeDefinition;
import org.jboss.as.controller.SimpleAttributeDefinitionBuilder;
import org.jboss.as.controller.registry.AttributeAccess;
import org.jboss.dmr.ModelNode;
import org.jboss.dmr.ModelType;

/** The definitions of the resources' runtime metrics, all of one kind: a count that is zero until there is one. */
final class MetricDefinitions {

    private MetricDefinitions() {
    }

    /** @param counter whether the value only grows (a counter), or goes up and down (a gauge) */
    static AttributeDefinition longMetric(String name, boolean counter) {
        SimpleAttributeDefinitionBuilder builder = new SimpleAttributeDefinitionBuilder(name, ModelType.LONG)
                .setUndefinedMetricValue(ModelNode.ZERO_LONG)
                .setStorageRuntime();
        if (counter) {
            builder.setFlags(AttributeAccess.Flag.COUNTER_METRIC);
        }
        return builder.build();
    }
}
