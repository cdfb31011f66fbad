package org.clusterio.spi;

import javax.sql.DataSource;

import org.infinispan.configuration.cache.Configuration;
import org.infinispan.manager.EmbeddedCacheManager;
import org.wildfly.service.descriptor.BinaryServiceDescriptor;
import org.wildfly.service.descriptor.UnaryServiceDescriptor;

/**
 * The capabilities of WildFly's own subsystems that cluster-io resources reference or deployments are checked against,
 * each named here once. WildFly publishes descriptors for them only in modules that are private to its clustering
 * subsystems (as WildFly's own {@code CommonServiceDescriptor} says of the datasource), so this extension names them
 * itself rather than depend on those modules.
 */
public interface WildFlyServiceDescriptor {

    /** A datasource resource by name, whose service value is its DataSource. */
    UnaryServiceDescriptor<DataSource> DATA_SOURCE = UnaryServiceDescriptor.of("org.wildfly.data-source", DataSource.class);

    /** An Infinispan cache container by name. */
    UnaryServiceDescriptor<EmbeddedCacheManager> CACHE_CONTAINER = UnaryServiceDescriptor.of("org.wildfly.clustering.infinispan.cache-container", EmbeddedCacheManager.class);

    /** The configuration of a cache, by container and cache name: what a persistence cache is built from. */
    BinaryServiceDescriptor<Configuration> CACHE_CONFIGURATION = BinaryServiceDescriptor.of("org.wildfly.clustering.infinispan.cache-configuration", Configuration.class);

    /**
     * A distributable-web session management profile by name. Its value's type lives in distributable-web's private
     * module; nothing here reads the value, the profile is only referenced and checked for, hence {@code Object}.
     */
    UnaryServiceDescriptor<Object> SESSION_MANAGEMENT_PROVIDER = UnaryServiceDescriptor.of("org.wildfly.clustering.web.session-management-provider", Object.class);
}
