package org.clusterio.io.dfs;

import java.sql.SQLException;

import javax.sql.DataSource;

import com.mysql.cj.jdbc.MysqlDataSource;
import org.mariadb.jdbc.MariaDbDataSource;

/**
 * The two drivers the DFS tests reach the MariaDB server on 127.0.0.1 through: MariaDB Connector/J, and MySQL
 * Connector/J, which PHP-era installations also use and which reports the database product as "MySQL".
 */
enum MariadbDrivers {

    MARIADB_CONNECTOR {
        @Override
        DataSource dataSource(String database) throws SQLException {
            return new MariaDbDataSource("jdbc:mariadb://127.0.0.1:3306/" + database + "?user=root&password=");
        }
    },
    MYSQL_CONNECTOR {
        @Override
        DataSource dataSource(String database) {
            MysqlDataSource mysql = new MysqlDataSource();
            mysql.setURL("jdbc:mysql://127.0.0.1:3306/" + database);
            mysql.setUser("root");
            mysql.setPassword("");
            return mysql;
        }
    };

    /** @param database the connections' current database, or "" for none */
    abstract DataSource dataSource(String database) throws SQLException;
}
