package org.clusterio.test.support;

import org.jboss.as.controller.client.ModelControllerClient;
import org.jboss.dmr.ModelNode;

/** The members of a node's cluster, as its JGroups channel sees them. */
public final class ClusterView {

    private ClusterView() {
    }

    /** @return the members of the view of the node's "ee" channel, such as {@code [node1, node2]} */
    public static String members(ModelControllerClient client) throws Exception {
        ModelNode read = ManagementOperations.operation("read-attribute", "subsystem", "jgroups", "channel", "ee");
        read.get("name").set("view");
        String view = ManagementOperations.success(client, read).asString(); // such as [node1|1] (2) [node1, node2]
        return view.substring(view.lastIndexOf('[')).replaceAll("\\(v=[^)]*\\)", "");
    }
}
