package org.clusterio.test.support;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.jboss.as.controller.client.ModelControllerClient;
import org.jboss.as.controller.client.helpers.standalone.ServerDeploymentHelper;

/** Deploys a JDBC driver jar (PostgreSQL's unless told otherwise) into a server, as the documented production setup starts. */
public final class JdbcDriver {

    public static final Path POSTGRESQL = Path.of(System.getProperty("postgresql.driver"));
    public static final Path MARIADB = Path.of(System.getProperty("mariadb.driver"));

    private JdbcDriver() {
    }

    /** The PostgreSQL driver deployment's name, which is also the driver's name in data-source definitions. */
    public static String name() {
        return name(POSTGRESQL);
    }

    public static String name(Path jar) {
        return jar.getFileName().toString();
    }

    /** Deploys the PostgreSQL driver unless it is deployed already. */
    public static void deploy(ModelControllerClient client) throws Exception {
        deploy(client, POSTGRESQL);
    }

    public static void deploy(ModelControllerClient client, Path jar) throws Exception {
        if (!deployed(client, jar)) {
            try (InputStream content = Files.newInputStream(jar)) {
                new ServerDeploymentHelper(client).deploy(name(jar), content);
            }
        }
    }

    public static void undeploy(ModelControllerClient client) throws Exception {
        undeploy(client, POSTGRESQL);
    }

    public static void undeploy(ModelControllerClient client, Path jar) throws Exception {
        if (deployed(client, jar)) {
            ManagementOperations.success(client, ManagementOperations.operation("undeploy", "deployment", name(jar)));
            ManagementOperations.success(client, ManagementOperations.operation("remove", "deployment", name(jar)));
        }
    }

    private static boolean deployed(ModelControllerClient client, Path jar) throws Exception {
        return "success".equals(client.execute(ManagementOperations.operation("read-resource", "deployment", name(jar))).get("outcome").asString());
    }
}
