package org.clusterio.test.support;

import java.util.List;

/**
 * The documented production setup on the first node: datasource and handlers, as docs/cli/dfs-on-postgresql.cli says,
 * on the driver of the postgresql-driver layer that the test server is provisioned with.
 */
public class PostgresqlDfsSetup extends DocumentedScriptSetup {

    public PostgresqlDfsSetup() {
        super("dfs-on-postgresql.cli");
    }

    /** What a second node needs to reach the first one's table and directory (the first has it from arquillian.xml). */
    public static List<String> sameStorage() {
        return List.of("-Dcluster-io.nfs.root=" + System.getProperty("cluster-io.nfs.root"),
                "-Dcluster-io.dfs.url=jdbc:postgresql://127.0.0.1:5432/clusterio_test", "-Dcluster-io.dfs.user=postgres", "-Dcluster-io.dfs.create-schema=true");
    }
}
