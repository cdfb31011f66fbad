package org.clusterio.io.dfs;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A row of the shared DFS metadata table, mapped exactly as Ibexa DXP lays it out. PHP cluster nodes read and write
 * the same rows, so nothing here may change the table: the mapping is read-mostly, and writes go through the
 * database's own upsert (see {@link DfsDialect}). The table name can be configured; {@code ezdfsfile} is
 * Ibexa DXP's.
 */
@Entity
@Table(name = DfsFile.DEFAULT_TABLE)
public class DfsFile {

    public static final String DEFAULT_TABLE = "ezdfsfile";

    /** Lowercase hex MD5 of {@link #name}: the primary key. */
    @Id
    @Column(name = "name_hash", length = 34, nullable = false)
    private String nameHash;

    /** {@code <var-dir>/<storage-dir>/<id>}: the file's path relative to the NFS root. */
    @Column(name = "name", nullable = false)
    private String name;

    @Column(name = "name_trunk", nullable = false)
    private String nameTrunk;

    /** The MIME type. */
    @Column(name = "datatype", length = 255, nullable = false)
    private String datatype;

    @Column(name = "scope", length = 25, nullable = false)
    private String scope;

    @Column(name = "size", nullable = false)
    private long size;

    /** Unix seconds when the file was stored; negative for a row the legacy cluster soft-deleted. */
    @Column(name = "mtime", nullable = false)
    private int mtime;

    @Column(name = "expired", nullable = false)
    private boolean expired;

    @Column(name = "status", nullable = false)
    private boolean status;

    protected DfsFile() {
        // for Hibernate
    }

    public String getNameHash() {
        return nameHash;
    }

    public String getName() {
        return name;
    }

    public String getNameTrunk() {
        return nameTrunk;
    }

    public String getDatatype() {
        return datatype;
    }

    public String getScope() {
        return scope;
    }

    public long getSize() {
        return size;
    }

    public int getMtime() {
        return mtime;
    }

    public boolean isExpired() {
        return expired;
    }

    public boolean isStatus() {
        return status;
    }
}
