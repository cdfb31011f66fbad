package org.clusterio.test.dfs;

import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.as.arquillian.api.ServerSetup;
import org.junit.jupiter.api.extension.ExtendWith;

/** The database outage tests on MariaDB through MySQL Connector/J (docs/cli/dfs-on-mysql.cli), through a faulty proxy. */
@ExtendWith(ArquillianExtension.class)
@ServerSetup(MysqlConnectorOnMariadbOutageTestCase.Setup.class)
@RunAsClient
class MysqlConnectorOnMariadbOutageTestCase extends AbstractDatabaseOutageTestCase {

    public static class Setup extends ProxiedDfsSetup {

        public Setup() {
            super(OutageDatabase.MARIADB_THROUGH_MYSQL_CONNECTOR);
        }
    }
}
