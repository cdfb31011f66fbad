package org.clusterio.subsystem;

import org.jboss.as.controller.AttributeDefinition;
import org.jboss.as.controller.SimpleAttributeDefinitionBuilder;
import org.jboss.as.controller.client.helpers.MeasurementUnit;
import org.jboss.as.controller.registry.AttributeAccess;
import org.jboss.dmr.ModelNode;
import org.jboss.dmr.ModelType;

/**
 * The definitions of the resources' runtime metrics, all of one kind: a count that is zero until there is one. WildFly's
 * {@code metrics} and {@code micrometer} subsystems export every such attribute, a counter as
 * {@code wildfly_cluster_io_<name>_total}.
 */
final class MetricDefinitions {

    private MetricDefinitions() {
    }

    /** @param counter whether the value only grows (a counter), or goes up and down (a gauge) */
    static AttributeDefinition longMetric(String name, boolean counter) {
        return longMetric(name, counter, MeasurementUnit.NONE);
    }

    /** @param unit what the value counts, by which the exporters scale it to their base unit (seconds, bytes) */
    static AttributeDefinition longMetric(String name, boolean counter, MeasurementUnit unit) {
        SimpleAttributeDefinitionBuilder builder = new SimpleAttributeDefinitionBuilder(name, ModelType.LONG)
                .setUndefinedMetricValue(ModelNode.ZERO_LONG)
                .setStorageRuntime();
        if (unit != MeasurementUnit.NONE) {
            builder.setMeasurementUnit(unit);
        }
        if (counter) {
            builder.setFlags(AttributeAccess.Flag.COUNTER_METRIC);
        }
        return builder.build();
    }
}
