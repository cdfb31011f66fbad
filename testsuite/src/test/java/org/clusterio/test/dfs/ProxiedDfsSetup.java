package org.clusterio.test.dfs;

import static org.clusterio.test.support.ManagementOperations.SUBSYSTEM;
import static org.clusterio.test.support.ManagementOperations.operation;
import static org.clusterio.test.support.ManagementOperations.success;

import org.clusterio.test.support.DocumentedCli;
import org.clusterio.test.support.ServerReload;
import org.jboss.as.arquillian.api.ServerSetupTask;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.as.controller.client.ModelControllerClient;
import org.jboss.dmr.ModelNode;

/**
 * Sets the server up with the documented script of a database, then points its datasource at a
 * {@link FaultyDatabaseProxy} (started here, closed at tear down) in front of the test database, and gives the
 * handler a table of its own and a short query timeout.
 */
abstract class ProxiedDfsSetup implements ServerSetupTask {

    static final int QUERY_TIMEOUT_SECONDS = 2;

    private static volatile FaultyDatabaseProxy proxy;

    private final OutageDatabase database;

    ProxiedDfsSetup(OutageDatabase database) {
        this.database = database;
    }

    /** The proxy of the test class that runs now. */
    static FaultyDatabaseProxy proxy() {
        return proxy;
    }

    @Override
    public void setup(ManagementClient management, String containerId) throws Exception {
        proxy = FaultyDatabaseProxy.start(database.port);
        ModelControllerClient client = management.getControllerClient();
        DocumentedCli.runSetup(management, DocumentedCli.script(database.script));
        String[] dataSource = { "subsystem", "datasources", "data-source", database.dataSource };
        write(client, dataSource, "connection-url", new ModelNode(database.url(proxy.port())));
        write(client, dataSource, "user-name", new ModelNode(database.user));
        write(client, dataSource, "password", new ModelNode());
        String[] handler = { "subsystem", SUBSYSTEM, "dfs-metadata-handler", "dfs" };
        write(client, handler, "table", new ModelNode("outage_dfs"));
        write(client, handler, "create-schema", ModelNode.TRUE);
        write(client, handler, "query-timeout", new ModelNode(QUERY_TIMEOUT_SECONDS));
        ServerReload.reloadAndWait(client);
    }

    @Override
    public void tearDown(ManagementClient management, String containerId) throws Exception {
        try {
            proxy.pass();
            DocumentedCli.runUndo(management, DocumentedCli.script(database.script));
            ServerReload.reloadAndWait(management.getControllerClient());
        } finally {
            proxy.close();
        }
    }

    private static void write(ModelControllerClient client, String[] address, String name, ModelNode value) throws Exception {
        ModelNode write = operation("write-attribute", address);
        write.get("name").set(name);
        write.get("value").set(value);
        success(client, write);
    }
}
