package org.clusterio.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

import org.infinispan.configuration.cache.CacheMode;
import org.infinispan.configuration.cache.Configuration;
import org.infinispan.configuration.cache.ConfigurationBuilder;
import org.infinispan.configuration.global.GlobalConfigurationBuilder;
import org.infinispan.manager.DefaultCacheManager;
import org.infinispan.manager.EmbeddedCacheManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The shared cache on two real cluster nodes (embedded Infinispan, JGroups over TCP on 127.0.0.1): what a storage
 * filter may ask from an IO thread ({@link SharedCache#peek}) never waits for another node.
 */
class ClusteredSharedCacheTest {

    private final EmbeddedCacheManager one = node("one");
    private final EmbeddedCacheManager two = node("two");

    @AfterEach
    void stop() {
        two.stop();
        one.stop();
    }

    @Test
    void peekOnADistributedCacheAnswersOnlyFromThisNodesCopy() {
        Configuration distributed = new ConfigurationBuilder().clustering().cacheMode(CacheMode.DIST_SYNC).hash().numOwners(1).build();
        SharedCache onOne = start(one, distributed);
        SharedCache onTwo = start(two, distributed);
        assertEquals(2, one.getMembers().size(), "both nodes in one view");

        String remote = keyOwnedOnlyBy(two);
        String local = keyOwnedOnlyBy(one);
        for (String key : List.of(remote, local)) {
            onTwo.get(key, List.of(), () -> "payload of " + key);
        }

        assertEquals(Optional.of("payload of " + remote), onOne.get(remote), "a get asks the owner");
        assertEquals(Optional.empty(), onOne.peek(remote), "a peek does not: node two holds the entry");
        assertEquals(Optional.of("payload of " + local), onOne.peek(local), "an entry this node holds is answered");
    }

    @Test
    void peekOnAReplicatedCacheSeesTheOtherNodesWritesAndInvalidations() {
        Configuration replicated = new ConfigurationBuilder().clustering().cacheMode(CacheMode.REPL_SYNC).build();
        SharedCache onOne = start(one, replicated);
        SharedCache onTwo = start(two, replicated);

        onTwo.get("images/a.jpg", List.of("images"), () -> "v1");
        assertEquals(Optional.of("v1"), onOne.peek("images/a.jpg"), "replicated: node one holds a copy");

        onTwo.invalidateTags(List.of("images"));
        assertEquals(Optional.empty(), onOne.peek("images/a.jpg"), "the tag's new version reached node one");
        onTwo.get("images/a.jpg", List.of("images"), () -> "v2");
        assertEquals(Optional.of("v2"), onOne.peek("images/a.jpg"));
    }

    private static SharedCache start(EmbeddedCacheManager node, Configuration template) {
        return new InfinispanCaches("test", "test", "template", 1_000, -1, AllowedValueClasses.DEFAULT).start(node, template).shared();
    }

    /** @return a key whose entry only the node holds, in the shared cache's own naming of entries */
    private String keyOwnedOnlyBy(EmbeddedCacheManager owner) {
        var cache = owner.getCache(cacheName(owner));
        return IntStream.range(0, 1_000).mapToObj(i -> "images/" + i + ".jpg")
                .filter(key -> cache.getAdvancedCache().getDistributionManager().getCacheTopology().getDistribution("e:" + key).isPrimary())
                .findFirst().orElseThrow();
    }

    private static String cacheName(EmbeddedCacheManager node) {
        List<String> names = node.getCacheNames().stream().filter(name -> !name.startsWith("___") && !name.startsWith("org.infinispan")).toList();
        assertTrue(names.size() == 1, "one cache started: " + names);
        return names.get(0);
    }

    private static EmbeddedCacheManager node(String name) {
        GlobalConfigurationBuilder global = GlobalConfigurationBuilder.defaultClusteredBuilder();
        global.transport().clusterName("clusterio-shared-cache-test").nodeName(name).addProperty("configurationFile", "clusterio-test-tcp.xml");
        return new DefaultCacheManager(global.build());
    }
}
