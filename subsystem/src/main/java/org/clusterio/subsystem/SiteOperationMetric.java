package org.clusterio.subsystem;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.ToLongFunction;

import org.clusterio.io.IOOperation;
import org.clusterio.io.OperationStatistics;
import org.clusterio.io.SiteStatistics;
import org.jboss.as.controller.AttributeDefinition;
import org.jboss.as.controller.client.helpers.MeasurementUnit;
import org.jboss.dmr.ModelNode;
import org.wildfly.subsystem.resource.executor.Metric;

/**
 * One metric of a site resource: for one {@link IOOperation}, its calls ({@code create-operations}), the calls its
 * storage failed ({@code create-errors}), or the time they took ({@code create-time}, in nanoseconds), counted since the
 * site started. Time divided by calls is the mean latency; calls over an interval the rate.
 */
record SiteOperationMetric(AttributeDefinition get, IOOperation operation, ToLongFunction<OperationStatistics> value) implements Metric<SiteStatistics> {

    /** @return every operation's three metrics */
    static List<SiteOperationMetric> all() {
        return Arrays.stream(IOOperation.values()).flatMap(operation -> {
            String prefix = operation.name().toLowerCase(Locale.ROOT) + "-";
            return List.of(
                    new SiteOperationMetric(MetricDefinitions.longMetric(prefix + "operations", true), operation, OperationStatistics::operations),
                    new SiteOperationMetric(MetricDefinitions.longMetric(prefix + "errors", true), operation, OperationStatistics::errors),
                    new SiteOperationMetric(MetricDefinitions.longMetric(prefix + "time", true, MeasurementUnit.NANOSECONDS), operation,
                            OperationStatistics::nanoseconds)).stream();
        }).toList();
    }

    @Override
    public ModelNode execute(SiteStatistics statistics) {
        return new ModelNode(value.applyAsLong(statistics.of(operation)));
    }
}
