package org.clusterio.io.dfs;

import org.hibernate.boot.model.naming.Identifier;
import org.hibernate.boot.model.naming.PhysicalNamingStrategyStandardImpl;
import org.hibernate.engine.jdbc.env.spi.JdbcEnvironment;

/**
 * Maps the entity's table to the configured table, quoted as the database stores it (see {@link DfsTable}); column
 * names stay Ibexa DXP's.
 */
final class TableNaming extends PhysicalNamingStrategyStandardImpl {

    private static final long serialVersionUID = 1L;

    private final String storedName;

    TableNaming(String storedName) {
        this.storedName = storedName;
    }

    @Override
    public Identifier toPhysicalTableName(Identifier logicalName, JdbcEnvironment context) {
        return DfsFile.DEFAULT_TABLE.equalsIgnoreCase(logicalName.getText()) ? Identifier.toIdentifier(storedName, true) : logicalName;
    }
}
