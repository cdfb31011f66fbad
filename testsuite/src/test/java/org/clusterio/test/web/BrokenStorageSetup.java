package org.clusterio.test.web;

import static org.clusterio.test.support.ManagementOperations.SUBSYSTEM;
import static org.clusterio.test.support.ManagementOperations.operation;
import static org.clusterio.test.support.ManagementOperations.success;

import org.clusterio.test.support.ServerReload;
import org.jboss.as.arquillian.api.ServerSetupTask;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.dmr.ModelNode;

/** A site "down" whose DFS metadata lives on a database that refuses connections: its storage cannot be reached. */
public class BrokenStorageSetup implements ServerSetupTask {

    @Override
    public void setup(ManagementClient management, String containerId) throws Exception {
        ModelNode dataSource = operation("add", "subsystem", "datasources", "data-source", "UnreachableDS");
        dataSource.get("jndi-name").set("java:jboss/datasources/UnreachableDS");
        dataSource.get("driver-name").set("h2");
        dataSource.get("connection-url").set("jdbc:h2:tcp://127.0.0.1:1/nothing");
        dataSource.get("user-name").set("sa");
        dataSource.get("password").set("sa");
        dataSource.get("jta").set(false);
        success(management.getControllerClient(), dataSource);
        ModelNode dfs = operation("add", "subsystem", SUBSYSTEM, "dfs-metadata-handler", "unreachable");
        dfs.get("data-source").set("UnreachableDS");
        success(management.getControllerClient(), dfs);
        ModelNode site = operation("add", "subsystem", SUBSYSTEM, "site", "down");
        site.get("metadata-handler").set("unreachable");
        site.get("binarydata-handler").set("default");
        success(management.getControllerClient(), site);
        ServerReload.reloadAndWait(management.getControllerClient());
    }

    @Override
    public void tearDown(ManagementClient management, String containerId) throws Exception {
        success(management.getControllerClient(), operation("remove", "subsystem", SUBSYSTEM, "site", "down"));
        success(management.getControllerClient(), operation("remove", "subsystem", SUBSYSTEM, "dfs-metadata-handler", "unreachable"));
        success(management.getControllerClient(), operation("remove", "subsystem", "datasources", "data-source", "UnreachableDS"));
        ServerReload.reloadAndWait(management.getControllerClient());
    }
}
