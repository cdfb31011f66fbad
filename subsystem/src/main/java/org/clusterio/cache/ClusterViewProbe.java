package org.clusterio.cache;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.clusterio.io.ReadinessProbe;
import org.clusterio.logging.ClusterIOLogger;
import org.infinispan.manager.EmbeddedCacheManager;
import org.infinispan.remoting.transport.Address;

/**
 * Whether the cache container of a persistence cache runs and, when it is clustered, whether this node is in the
 * cluster's view: a node that has lost its JGroups channel would serve stale cached lookups. Reports the members, so
 * that an operator sees a split. Reads only local state: it never waits for the network.
 */
public final class ClusterViewProbe implements ReadinessProbe {

    private final String containerName;
    private final EmbeddedCacheManager container;

    public ClusterViewProbe(String containerName, EmbeddedCacheManager container) {
        this.containerName = containerName;
        this.container = container;
    }

    @Override
    public Map<String, String> probe(Duration timeout) {
        if (!container.getStatus().allowInvocations()) {
            throw ClusterIOLogger.CACHE_LOGGER.cacheContainerNotRunning(containerName, container.getStatus().toString());
        }
        if (!container.getCacheManagerConfiguration().isClustered()) {
            return Map.of("cache-container", containerName, "members", "this server only (a local container)");
        }
        Address self = container.getAddress();
        List<Address> members = container.getMembers();
        if (self == null || members == null || !members.contains(self)) {
            throw ClusterIOLogger.CACHE_LOGGER.notInClusterView(containerName, String.valueOf(self), String.valueOf(members));
        }
        return Map.of("cache-container", containerName, "members", members.stream().map(Address::toString).collect(Collectors.joining(", ")));
    }
}
