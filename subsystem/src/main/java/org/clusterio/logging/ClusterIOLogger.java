package org.clusterio.logging;

import static org.jboss.logging.Logger.Level.DEBUG;
import static org.jboss.logging.Logger.Level.ERROR;
import static org.jboss.logging.Logger.Level.INFO;
import static org.jboss.logging.Logger.Level.WARN;

import java.util.List;

import org.clusterio.api.ClusterIOException;
import org.clusterio.api.IOBackendException;
import org.jboss.as.controller.OperationFailedException;
import org.jboss.logging.BasicLogger;
import org.jboss.logging.Logger;
import org.jboss.logging.annotations.Cause;
import org.jboss.logging.annotations.LogMessage;
import org.jboss.logging.annotations.Message;
import org.jboss.logging.annotations.MessageLogger;

/** The extension's log messages, each with its CLUSTERIO code. */
@MessageLogger(projectCode = "CLUSTERIO", length = 4)
public interface ClusterIOLogger extends BasicLogger {

    ClusterIOLogger ROOT_LOGGER = Logger.getMessageLogger(ClusterIOLogger.class, "org.clusterio");

    @LogMessage(level = ERROR)
    @Message(id = 1, value = "Site '%s': the binary '%s' has no metadata but could not be deleted; the integrity check will list it. Delete it by hand once the storage is healthy.")
    void orphanedBinary(String site, String name, @Cause Throwable cause);

    @LogMessage(level = INFO)
    @Message(id = 2, value = "Site '%s' stores its files through metadata handler '%s' and binarydata handler '%s'; url-prefix %s")
    void siteStarted(String site, String metadataHandler, String binarydataHandler, String urlPrefix);

    @LogMessage(level = INFO)
    @Message(id = 3, value = "DFS metadata handler '%s': table %s does not exist in %s (data-source '%s'), creating it from docs/sql/%s (create-schema is on)")
    void creatingDfsTable(String handler, String table, String location, String dataSource, String ddlFile);

    @LogMessage(level = ERROR)
    @Message(id = 60, value = "DFS metadata handler '%1$s': table %2$s does not exist in %3$s (data-source '%4$s'), and create-schema is off: every file operation of its sites fails until it does."
            + " Create it by running docs/sql/%5$s in that database (naming the table %2$s), or set create-schema=true on the handler and reload. The handler looks for the table again on each operation.")
    void dfsTableMissing(String handler, String table, String location, String dataSource, String ddlFile);

    @Message(id = 61, value = "DFS metadata handler '%1$s': table %2$s does not exist in %3$s (data-source '%4$s'). Create it with docs/sql/%5$s (naming the table %2$s), or set create-schema=true on the handler and reload.")
    String dfsTableMissingFailure(String handler, String table, String location, String dataSource, String ddlFile);

    @LogMessage(level = ERROR)
    @Message(id = 62, value = "DFS metadata handler '%s': the connections of data-source '%s' have no current %s, so table %s can be neither found nor created and every file operation of its sites fails."
            + " Name the database in the data-source's connection-url (on PostgreSQL, give its user a search_path whose first schema exists). The handler looks again on each operation.")
    void dfsNoCurrentSchema(String handler, String dataSource, String namespace, String table);

    @Message(id = 63, value = "DFS metadata handler '%s': the connections of data-source '%s' have no current %s for table %s. Name the database in the data-source's connection-url (on PostgreSQL, give its user a search_path whose first schema exists).")
    String dfsNoCurrentSchemaFailure(String handler, String dataSource, String namespace, String table);

    @LogMessage(level = ERROR)
    @Message(id = 4, value = "Site '%s': '%s' was stored again but its metadata could not be updated; the old record (size, time, type) stays until the next write. The integrity check will list it.")
    void staleMetadata(String site, String name, @Cause Throwable cause);

    @LogMessage(level = WARN)
    @Message(id = 5, value = "Persistence cache '%s' could not keep what was loaded for '%s'; the value was returned uncached. Check the cluster connection of its cache container.")
    void cacheWriteFailed(String cache, String key, @Cause Throwable cause);

    @LogMessage(level = INFO)
    @Message(id = 6, value = "Persistence cache '%s' started on cache %s of container %s (max-entries %d, lifespan %d ms, %s)")
    void persistenceCacheStarted(String name, String template, String container, long maxEntries, long lifespan, String mode);

    @LogMessage(level = INFO)
    @Message(id = 7, value = "Deployment %s shares its HTTP sessions through sessions=%s (%s mode, session management %s)")
    void sharingSessions(String deployment, String sessions, String mode, String sessionManagement);

    @LogMessage(level = INFO)
    @Message(id = 8, value = "migrate-files %s: starting, %s")
    void migrationStarted(String description, String mode);

    @LogMessage(level = INFO)
    @Message(id = 9, value = "migrate-files %s: %d of %d files done (%d copied, %d already there, %d failed), %d files/s, %s")
    void migrationProgress(String description, long done, long total, long copied, long skipped, long failed, long filesPerSecond, String state);

    @Message(id = 20, value = "The request path '%s' holds a '.' or '..' segment, a backslash or a control character once decoded, so it is routed to no site and the IO service refuses it; link to the plain path instead.")
    String hostileRequestPath(String path);

    @Message(id = 30, value = "Could not store '%s': its directory %s is a symbolic link that leads outside the storage directory %s, or is not a directory. Nothing was written. Remove the link from the storage (links are never followed there), or replace it by a real directory.")
    IOBackendException directoryLeavesTheStorage(String id, String directory, String root, @Cause Throwable cause);

    @LogMessage(level = WARN)
    @Message(id = 31, value = "Persistence cache '%s' refused the value under key '%s' and treated it as a miss: it holds %s, which the cache does not allow (allowed: %s). Nothing of it was run. A value of another deployment, another node or a hostile writer; if the class is yours, ask for your own type or add a pattern to allowed-classes of the persistence cache.")
    void cacheValueRefused(String cache, String key, String refused, String allowed);

    @Message(id = 32, value = "Persistence cache '%s' cannot cache a %s: it serializes to %d bytes, more than the %d bytes any node reads back. Cache smaller values.")
    ClusterIOException cacheValueTooLarge(String cache, String type, int size, int limit);

    @LogMessage(level = INFO)
    @Message(id = 90, value = "Filesystem binarydata handler '%s' removed %d temporary files below %s that writes interrupted by a crash or a kill left behind (unmodified for more than %s)")
    void temporaryFilesRemoved(String handler, int count, java.nio.file.Path directory, java.time.Duration maxAge);

    @LogMessage(level = DEBUG)
    @Message(id = 91, value = "Filesystem binarydata handler '%s' removed the temporary file %s (last modified %s, %d bytes)")
    void temporaryFileRemoved(String handler, java.nio.file.Path file, java.time.Instant lastModified, long size);

    @LogMessage(level = WARN)
    @Message(id = 92, value = "Filesystem binarydata handler '%s' could not sweep %d temporary files or directories below %s, the first: %s. The next sweep tries again; check the permissions of the storage directory for the user WildFly runs as.")
    void temporaryFileSweepFailed(String handler, int failures, java.nio.file.Path directory, String first, @Cause Throwable cause);

    @LogMessage(level = WARN)
    @Message(id = 120, value = "Filesystem binarydata handler '%s' left alone %d files below %s whose names start with '%s' but are not temporary files of this handler (those match %s), the first: %s. They are stored data (ids accepted before, or files of other tools) and are never removed by the sweep; rename them if applications should list them.")
    void temporaryFileLookAlikesKept(String handler, int count, java.nio.file.Path directory, String prefix, String pattern, String first);

    @Message(id = 93, value = "Could not delete below '%s' in S3 bucket %s: %d objects were not deleted (%s). The other objects are gone; delete the directory again once the cause is fixed.")
    IOBackendException batchDeleteFailed(String prefix, String bucket, int count, String keysAndCodes);

    @LogMessage(level = ERROR)
    @Message(id = 94, value = "S3 bucket %s refused to delete %d objects below '%s': %s")
    void batchDeleteRefused(String bucket, int count, String prefix, String keysAndCodes);

    // Debug level: clients can cause these at will, and each is answered 503 with Retry-After already.
    @LogMessage(level = DEBUG)
    @Message(id = 50, value = "Request %s: its session could not be looked up (answered 503); if this is frequent, a request of the session held its cluster lock for longer than the cache's lock timeout")
    void sessionLookupFailed(String path, @Cause Throwable cause);

    @LogMessage(level = DEBUG)
    @Message(id = 51, value = "Request %s: another request of its session kept the session's lock for more than %d ms (answered 503); look for slow requests that use the session")
    void sessionLockTimedOut(String path, long waitMillis);

    // 70-79: the DFS metadata handler's database failing and recovering (docs/reliability.md)

    @Message(id = 70, value = "DFS metadata handler '%s' could not %s on table %s: %s. Check that the database of its data-source is reachable and holds the table (create-schema creates it); the next call tries again.")
    IOBackendException dfsDatabaseFailed(String handler, String what, String table, String problem, @Cause Throwable cause);

    @Message(id = 71, value = "DFS metadata handler '%s' could not %s on table %s: the database did not answer within %d s (query-timeout). Check the database server's load and the network to it; the next call tries again.")
    IOBackendException dfsDatabaseTimedOut(String handler, String what, String table, int queryTimeoutSeconds, @Cause Throwable cause);

    @LogMessage(level = WARN)
    @Message(id = 72, value = "DFS metadata handler '%s' cannot use table %s: %s Its calls fail (HTTP 503 with Retry-After from the storage filter) until the database answers again; no action is needed on this server once it does.")
    void dfsDatabaseUnavailable(String handler, String table, String failure);

    @LogMessage(level = INFO)
    @Message(id = 73, value = "DFS metadata handler '%s' uses table %s again: its database answers")
    void dfsDatabaseBack(String handler, String table);

    @LogMessage(level = ERROR)
    @Message(id = 80, value = "Site '%s': the metadata write of '%s' failed, but a record may name its new binary (the write may have committed, or another writer may have recorded the same id), so the binary is kept. If no record names it, the integrity check lists it as an orphan; check the site's metadata store and persistence cache.")
    void keptBinaryOfFailedWrite(String site, String name, @Cause Throwable cause);

    @Message(id = 81, value = "'%s' has the modification time %d (Unix seconds), which the DFS table cannot hold: its mtime column keeps 1 to 2147483647 (up to 2038-01-19T03:14:07Z), and PHP cluster nodes read a row with 0 or less as deleted. Set the file's modification time within that range and store or migrate it again.")
    IllegalArgumentException dfsMtimeOutOfRange(String name, long mtime);

    @Message(id = 82, value = "Persistence cache '%s' could not %s: %s. Check that this node is connected to the cluster (the JGroups channel of its cache container) and that the cache is running; the next call tries again.")
    IOBackendException cacheFailed(String cache, String what, String problem, @Cause Throwable cause);

    @Message(id = 83, value = "Did %s, but could not invalidate the cached lookups of other nodes: %s")
    IOBackendException cacheNotInvalidated(String what, String problem, @Cause Throwable cause);

    @Message(id = 100, value = "Could not serve '%s' in %s: it was replaced each of the %d times it was opened, so no consistent size and time could be read. Retry the request; if this lasts, find the process that rewrites the file without pause.")
    IOBackendException fileChangingWhileOpened(String id, String directory, int attempts);

    // 130-159: the management layer (subsystem and migration)

    @Message(id = 130, value = "site: there is no site '%s'")
    OperationFailedException unknownSite(String site);

    @Message(id = 131, value = "from and to are the same handlers (%s): there is nothing to migrate")
    OperationFailedException nothingToMigrate(String handlers);

    @Message(id = 132, value = "A migration is already running: %s; see the subsystem's migration attribute")
    OperationFailedException migrationAlreadyRunning(String description);

    @Message(id = 133, value = "Metadata handler '%s' is not running; reload the server first")
    OperationFailedException metadataHandlerNotRunning(String handler);

    @Message(id = 134, value = "Binarydata handler '%s' is not running; reload the server first")
    OperationFailedException binarydataHandlerNotRunning(String handler);

    @Message(id = 135, value = "'%s' is an invalid value for %s: it must be <metadata handler>,<binarydata handler>, such as dfs,nfs")
    OperationFailedException invalidHandlerPair(String value, String parameter);

    @Message(id = 136, value = "%s: metadata handler '%s' is not configured; the metadata handlers are %s")
    OperationFailedException metadataHandlerNotConfigured(String parameter, String handler, List<String> configured);

    @Message(id = 137, value = "%s: binarydata handler '%s' is not configured; the binarydata handlers are %s")
    OperationFailedException binarydataHandlerNotConfigured(String parameter, String handler, List<String> configured);

    @Message(id = 138, value = "'%s' is an invalid value for %s: %s")
    OperationFailedException invalidAttributeValue(String value, String attribute, String problem);

    @Message(id = 139, value = "'%s' is an invalid value for %s: it must be positive, or -1 %s")
    OperationFailedException notPositiveOrUnlimited(String value, String attribute, String unlimitedMeans);

    @Message(id = 140, value = "The path '%s' of filesystem-binarydata-handler '%s' is relative: give an absolute path, or name the path it is relative to in relative-to")
    OperationFailedException relativeHandlerPath(String path, String handler);

    @Message(id = 141, value = "The credential-reference of the S3 handler for bucket %s holds no password")
    IllegalStateException noPasswordInCredentialReference(String bucket);

    @Message(id = 142, value = "Could not read the secret access key of the S3 handler for bucket %s: %s")
    IllegalStateException unreadableSecretAccessKey(String bucket, String problem, @Cause Throwable cause);

    @Message(id = 143, value = "bulk-count and parallelism must be at least 1")
    IllegalArgumentException invalidMigrationOptions();

    @Message(id = 144, value = "The migration was interrupted; run it again to resume")
    ClusterIOException migrationInterrupted(@Cause Throwable cause);

    @Message(id = 145, value = "A migration task failed outside its own error handling")
    IllegalStateException migrationTaskFailed(@Cause Throwable cause);

    @Message(id = 146, value = "the copy of '%s' differs from its source")
    ClusterIOException copyDiffers(String id);
}
