/**
 * The capabilities of the cluster-io subsystem as typed service descriptors ({@link
 * org.clusterio.spi.ClusterIOServiceDescriptor}), and the capabilities of WildFly's other subsystems that it uses,
 * each named once ({@link org.clusterio.spi.WildFlyServiceDescriptor}): what WildFly Core's {@code io/spi} and
 * WildFly's {@code clustering/jgroups/spi} are to their subsystems. Resources and deployment processors depend on these
 * descriptors and on the interfaces that type them, never on the classes behind them.
 *
 * <p>A package of the subsystem module, not a Maven module of its own: nothing outside this extension depends on
 * these capabilities (deployments use the API module), so a separate module would add a JBoss module, its
 * {@code module.xml} and feature-pack wiring for no reader. The interfaces that type the descriptors live in the
 * package of their capability ({@code io}, {@code cache}, {@code sessions}, {@code web}), so that this package depends
 * on them and none of them on it: the descriptors add no cycle between the packages.</p>
 */
package org.clusterio.spi;
