package org.clusterio.test;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.jboss.as.controller.client.ModelControllerClient;
import org.jboss.as.controller.client.helpers.standalone.ServerDeploymentHelper;

/** Deploys the PostgreSQL JDBC driver jar into a server, as the documented production setup starts. */
final class JdbcDriver {

    static final Path POSTGRESQL = Path.of(System.getProperty("postgresql.driver"));

    private JdbcDriver() {
    }

    /** The deployment's name, which is also the driver's name in data-source definitions. */
    static String name() {
        return POSTGRESQL.getFileName().toString();
    }

    /** Deploys the driver unless it is deployed already. */
    static void deploy(ModelControllerClient client) throws Exception {
        if (!deployed(client)) {
            try (InputStream jar = Files.newInputStream(POSTGRESQL)) {
                new ServerDeploymentHelper(client).deploy(name(), jar);
            }
        }
    }

    static void undeploy(ModelControllerClient client) throws Exception {
        if (deployed(client)) {
            ManagementOperations.success(client, ManagementOperations.operation("undeploy", "deployment", name()));
            ManagementOperations.success(client, ManagementOperations.operation("remove", "deployment", name()));
        }
    }

    private static boolean deployed(ModelControllerClient client) throws Exception {
        return "success".equals(client.execute(ManagementOperations.operation("read-resource", "deployment", name())).get("outcome").asString());
    }
}
