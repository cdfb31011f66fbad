package org.clusterio.logging;

import static org.jboss.logging.Logger.Level.DEBUG;
import static org.jboss.logging.Logger.Level.ERROR;
import static org.jboss.logging.Logger.Level.INFO;
import static org.jboss.logging.Logger.Level.WARN;

import java.lang.invoke.MethodHandles;
import java.nio.file.Path;
import java.util.List;

import org.clusterio.api.ClusterIOException;
import org.clusterio.api.IOBackendException;
import org.clusterio.api.InvalidBinaryFileIdException;
import org.jboss.as.controller.OperationFailedException;
import org.jboss.as.server.deployment.DeploymentUnitProcessingException;
import org.jboss.logging.BasicLogger;
import org.jboss.logging.Logger;
import org.jboss.logging.annotations.Cause;
import org.jboss.logging.annotations.LogMessage;
import org.jboss.logging.annotations.Message;
import org.jboss.logging.annotations.MessageLogger;

/**
 * The extension's log messages and the messages of the exceptions users see, each with its CLUSTERIO code. One
 * logger per area, so that an operator can turn on debug for one of them (docs/logging.md); what no area claims (the
 * sites, the subsystem) logs to {@code org.clusterio}, the parent of all.
 *
 * <p>One interface for the whole extension, however long, as WildFly keeps one per subsystem: ids stay unique by
 * construction and translators find every message in one file.</p>
 */
@MessageLogger(projectCode = "CLUSTERIO", length = 4)
public interface ClusterIOLogger extends BasicLogger {

    ClusterIOLogger ROOT_LOGGER = Logger.getMessageLogger(MethodHandles.lookup(), ClusterIOLogger.class, "org.clusterio");
    /** The DFS metadata handler and its database. */
    ClusterIOLogger DFS_LOGGER = Logger.getMessageLogger(MethodHandles.lookup(), ClusterIOLogger.class, "org.clusterio.dfs");
    /** The S3 binarydata handler. */
    ClusterIOLogger S3_LOGGER = Logger.getMessageLogger(MethodHandles.lookup(), ClusterIOLogger.class, "org.clusterio.s3");
    /** The filesystem binarydata handler and its sweep of temporary files. */
    ClusterIOLogger FS_LOGGER = Logger.getMessageLogger(MethodHandles.lookup(), ClusterIOLogger.class, "org.clusterio.fs");
    /** The storage filter: the answers it gives to storage URIs. */
    ClusterIOLogger WEB_LOGGER = Logger.getMessageLogger(MethodHandles.lookup(), ClusterIOLogger.class, "org.clusterio.web");
    /** The persistence caches. */
    ClusterIOLogger CACHE_LOGGER = Logger.getMessageLogger(MethodHandles.lookup(), ClusterIOLogger.class, "org.clusterio.cache");
    /** Shared sessions and their per-session locks. */
    ClusterIOLogger SESSIONS_LOGGER = Logger.getMessageLogger(MethodHandles.lookup(), ClusterIOLogger.class, "org.clusterio.sessions");
    /** What deployments get from the subsystem. */
    ClusterIOLogger DEPLOYMENT_LOGGER = Logger.getMessageLogger(MethodHandles.lookup(), ClusterIOLogger.class, "org.clusterio.deployment");
    /** The http-caches: purges of Varnish servers. */
    ClusterIOLogger HTTP_CACHE_LOGGER = Logger.getMessageLogger(MethodHandles.lookup(), ClusterIOLogger.class, "org.clusterio.httpcache");
    /** migrate-files. */
    ClusterIOLogger MIGRATION_LOGGER = Logger.getMessageLogger(MethodHandles.lookup(), ClusterIOLogger.class, "org.clusterio.migration");
    /** check-integrity and purge. */
    ClusterIOLogger INTEGRITY_LOGGER = Logger.getMessageLogger(MethodHandles.lookup(), ClusterIOLogger.class, "org.clusterio.integrity");

    @LogMessage(level = ERROR)
    @Message(id = 1, value = "Site '%s': the binary '%s' has no metadata but could not be deleted. :check-integrity lists it as bytes-without-row; remove it with :purge(what=[orphan-files]) once the storage is healthy.")
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
    @Message(id = 4, value = "Site '%s': '%s' was stored again but its metadata could not be updated; the old record (size, time, type) stays until the next write. :check-integrity lists it if the sizes differ (size-mismatches); store the file again to repair it.")
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
    @Message(id = 80, value = "Site '%s': the metadata write of '%s' failed, but a record may name its new binary (the write may have committed, or another writer may have recorded the same id), so the binary is kept. If no record names it, :check-integrity lists it as bytes-without-row and :purge(what=[orphan-files]) removes it once it is older than the protect window; check the site's metadata store and persistence cache.")
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

    // 160-229: the messages of exceptions users see, and debug messages, by area.

    // 160-169: sites (org.clusterio)

    @Message(id = 160, value = "The default site '%s' is not one of %s")
    IllegalArgumentException defaultSiteUnknown(String defaultSite, String sites);

    @Message(id = 161, value = "Could not read the local file %s: %s")
    IOBackendException localFileUnreadable(Path file, String problem, @Cause Throwable cause);

    @Message(id = 162, value = "Could not read the content to store: %s")
    IOBackendException contentUnreadable(String problem, @Cause Throwable cause);

    @Message(id = 163, value = "The URI '%s' does not start with the url-prefix %s of site %s")
    InvalidBinaryFileIdException uriOutsideUrlPrefix(String uri, String urlPrefix, String site);

    @Message(id = 164, value = "offset and length must not be negative: %d, %d")
    IllegalArgumentException negativeRange(long offset, long length);

    @Message(id = 165, value = "'%s' is not inside the storage directory %s of site %s")
    InvalidBinaryFileIdException internalPathOutsideSite(String internalPath, String storageDirectory, String site);

    @Message(id = 166, value = "Malformed percent-encoding in '%s'")
    InvalidBinaryFileIdException malformedPercentEncoding(String encoded);

    @Message(id = 167, value = "'%s' does not decode to UTF-8 text")
    InvalidBinaryFileIdException notUtf8(String encoded);

    // 170-179: the filesystem binarydata handler (org.clusterio.fs)

    @Message(id = 170, value = "The path template '%s' leads outside the root %s for site %s")
    InvalidBinaryFileIdException pathTemplateOutsideRoot(String pathTemplate, Path root, String site);

    @Message(id = 171, value = "Could not store '%s' in %s: %s")
    IOBackendException fileStoreFailed(String id, Path siteDirectory, String problem, @Cause Throwable cause);

    @Message(id = 172, value = "Could not open '%s' in %s: %s")
    IOBackendException fileOpenFailed(String id, Path siteDirectory, String problem, @Cause Throwable cause);

    @Message(id = 173, value = "Could not read the attributes of '%s' in %s: %s")
    IOBackendException fileAttributesUnreadable(String id, Path siteDirectory, String problem, @Cause Throwable cause);

    @Message(id = 174, value = "Could not delete '%s' in %s: %s")
    IOBackendException fileDeleteFailed(String id, Path siteDirectory, String problem, @Cause Throwable cause);

    @Message(id = 175, value = "Could not delete the directory '%s' in %s: %s")
    IOBackendException directoryDeleteFailed(String prefix, Path siteDirectory, String problem, @Cause Throwable cause);

    @Message(id = 176, value = "Could not list '%s' in %s: %s")
    IOBackendException directoryListFailed(String prefix, Path siteDirectory, String problem, @Cause Throwable cause);

    @Message(id = 177, value = "Could not list %s: %s")
    IOBackendException listingFailed(String directory, String problem, @Cause Throwable cause);

    @Message(id = 178, value = "The id '%s' does not name a file inside the storage directory")
    InvalidBinaryFileIdException idOutsideStorage(String id);

    @Message(id = 179, value = "'%s' is not an octal permission such as 0644")
    IllegalArgumentException notOctalPermission(String octal);

    // 180-189: the S3 binarydata handler (org.clusterio.s3)

    @Message(id = 180, value = "part size must be between %d and %d bytes, not %d")
    IllegalArgumentException partSizeOutOfRange(long min, long max, long partSize);

    @Message(id = 181, value = "max attempts must be at least 1, not %d")
    IllegalArgumentException tooFewAttempts(int maxAttempts);

    @Message(id = 182, value = "Could not read the content of '%s' for bucket %s: %s")
    IOBackendException s3ContentUnreadable(String id, String bucket, String problem, @Cause Throwable cause);

    @Message(id = 183, value = "Could not store '%s' in bucket %s: the content held %d bytes where %d were declared")
    IOBackendException s3SizeMismatch(String id, String bucket, long actual, long declared);

    @Message(id = 184, value = "Could not %s in S3 bucket %s: %s")
    IOBackendException s3RequestFailed(String what, String bucket, String problem, @Cause Throwable cause);

    // S3's request ids are what its support (or the server's own logs, on MinIO) needs to find a failed request.
    @LogMessage(level = DEBUG)
    @Message(id = 185, value = "S3 bucket %s: could not %s (HTTP %d, request id %s, extended request id %s)")
    void s3RequestFailedIds(String bucket, String what, int status, String requestId, String extendedRequestId, @Cause Throwable cause);

    // 480-489: parallel parts of S3 multipart uploads (org.clusterio.s3)

    @LogMessage(level = INFO)
    @Message(id = 480, value = "S3 bucket %s: multipart uploads send up to %d parts of %d bytes at once and hold at most %d bytes of heap each (a maximum heap of %d bytes)")
    void s3UploadBudget(String bucket, int partsInFlight, int partSize, long budget, long maxHeap);

    @LogMessage(level = WARN)
    @Message(id = 481, value = "S3 bucket %s: part size %d leaves no room for parallel parts in a maximum heap of %d bytes: multipart uploads send one part at a time and hold %d bytes each")
    void s3UploadSequential(String bucket, int partSize, long maxHeap, long budget);

    @LogMessage(level = DEBUG)
    @Message(id = 482, value = "S3 bucket %s: aborting the multipart upload %s of '%s': %s")
    void s3UploadAborting(String bucket, String uploadId, String id, String problem);

    @Message(id = 483, value = "Could not store '%s' in bucket %s: interrupted while its parts were uploading")
    IOBackendException s3UploadInterrupted(String id, String bucket);

    // 190-199: the DFS metadata handler (org.clusterio.dfs)

    @Message(id = 190, value = "The DFS metadata handler supports MySQL, MariaDB, PostgreSQL and H2, not %s")
    IllegalArgumentException unsupportedDatabase(String productName);

    @Message(id = 191, value = "'%s' is not a plain table name")
    IllegalArgumentException notPlainTableName(String table);

    @Message(id = 192, value = "query timeout %d s is not between 1 and %d")
    IllegalArgumentException queryTimeoutOutOfRange(int queryTimeoutSeconds, int max);

    @LogMessage(level = DEBUG)
    @Message(id = 193, value = "DFS metadata handler '%s' uses table %s in %s of data-source '%s' (%s)")
    void dfsConnected(String handler, String table, String location, String dataSource, String dialect);

    // Debug level: the first failure of an outage is a warning (72) already; these are each call while it lasts.
    @LogMessage(level = DEBUG)
    @Message(id = 194, value = "DFS metadata handler '%s' could not %s on table %s")
    void dfsCallFailed(String handler, String what, String table, @Cause Throwable cause);

    @LogMessage(level = DEBUG)
    @Message(id = 195, value = "DFS metadata handler '%s' could not %s: the transaction %s, so the write certainly did not happen")
    void dfsNotWritten(String handler, String what, String reason);

    @LogMessage(level = DEBUG)
    @Message(id = 196, value = "DFS metadata handler '%s' could not %s: the transaction %s, so the write may have happened")
    void dfsMaybeWritten(String handler, String what, String reason);

    // 200-209: the storage filter (org.clusterio.web); debug level: clients cause these at will

    @LogMessage(level = DEBUG)
    @Message(id = 200, value = "Storage request %s answered 400: %s")
    void requestRefused(String path, String reason);

    @LogMessage(level = DEBUG)
    @Message(id = 201, value = "Storage request %s answered 404: site '%s' has no file '%s'")
    void fileNotFound(String path, String site, String id);

    @LogMessage(level = DEBUG)
    @Message(id = 202, value = "Storage request %s answered 404: '%s' of site '%s' went away between its lookup and its read")
    void fileGoneWhileServed(String path, String id, String site);

    @LogMessage(level = DEBUG)
    @Message(id = 203, value = "Storage request %s answered 412: its If-Match or If-Unmodified-Since does not hold for ETag %s, Last-Modified %s")
    void preconditionFailed(String path, String etag, String lastModified);

    @LogMessage(level = DEBUG)
    @Message(id = 204, value = "Storage request %s answered 503: %s")
    void storageUnavailable(String path, String failure);

    // 210-214: the persistence caches (org.clusterio.cache)

    @Message(id = 210, value = "Persistence cache '%s' needs a local, replicated or distributed synchronous cache, but cache %s of container %s is %s: invalidations would not reach every node before they return")
    IllegalStateException unsuitableCacheMode(String cache, String template, String container, String mode);

    @Message(id = 211, value = "'%s' is not an allowed-classes pattern: %s")
    IllegalArgumentException notAllowedClassesPattern(String pattern, String problem);

    @Message(id = 212, value = "A persistence cache key must not be null or empty")
    IllegalArgumentException emptyCacheKey();

    @Message(id = 213, value = "Cannot cache a %s: it does not serialize (%s)")
    ClusterIOException valueNotSerializable(String type, String problem, @Cause Throwable cause);

    // 215-219: shared sessions (org.clusterio.sessions)

    @LogMessage(level = DEBUG)
    @Message(id = 215, value = "Request %s waited %d ms for the lock of its session, which another request of the session on this node held")
    void sessionLockWaited(String path, long waitedMillis);

    // 220-229: deployments (org.clusterio.deployment)

    @Message(id = 220, value = "Deployment %s shares its sessions through sessions=%s (by its context parameter %s), but the cluster-io subsystem has no such resource; add it, or use %s to keep sessions local")
    DeploymentUnitProcessingException unknownSessions(String deployment, String sessions, String contextParameter, String none);

    @Message(id = 221, value = "Deployment %s shares its sessions through sessions=%s, whose session management '%s' is not a profile of /subsystem=distributable-web; provision the cluster-io-ha layer, or set the session-management attribute to an existing profile")
    DeploymentUnitProcessingException unknownSessionManagement(String deployment, String sessions, String sessionManagement);

    @Message(id = 222, value = "Deployment %1$s uses the persistence cache '%2$s', but the cluster-io subsystem has no persistence-cache=%2$s; add it, or name another with the context parameter %3$s")
    DeploymentUnitProcessingException unknownPersistenceCache(String deployment, String cache, String contextParameter);

    @Message(id = 223, value = "Deployment %s uses the site '%s' (by %s), but the cluster-io subsystem has no such site; its sites are %s")
    DeploymentUnitProcessingException unknownSite(String deployment, String site, String namedBy, String sites);

    @LogMessage(level = DEBUG)
    @Message(id = 224, value = "Deployment %s: @Inject IOService serves the site of each request, else its default site '%s' (%s); @Site injection points name %s")
    void deploymentSites(String deployment, String defaultSite, String namedBy, String qualifiedSites);

    @LogMessage(level = DEBUG)
    @Message(id = 225, value = "Deployment %s: storage filter '%s' answers its storage URIs (sites %s) before the application")
    void storageFilterInstalled(String deployment, String filter, String sites);

    @LogMessage(level = DEBUG)
    @Message(id = 226, value = "Deployment %s uses the persistence cache '%s'")
    void deploymentPersistenceCache(String deployment, String cache);

    // 240-269: the http-caches (org.clusterio.httpcache) and what deployments get of them

    @LogMessage(level = WARN)
    @Message(id = 240, value = "http-cache '%s': Varnish %s did not take %s: %s. It is tried again in the background up to %d times; until a purge reaches it, that Varnish may serve the files' old copies. Check that it runs, that this node can reach it, and that its VCL's purgers ACL lists this node.")
    void purgeTargetFailing(String cache, String target, String purge, String problem, int retries);

    @LogMessage(level = INFO)
    @Message(id = 241, value = "http-cache '%s': Varnish %s takes purges again")
    void purgeTargetAnswering(String cache, String target);

    @LogMessage(level = ERROR)
    @Message(id = 242, value = "http-cache '%1$s': gave up %3$s on Varnish %2$s after %4$d attempts (%5$s). Its cached copies of what changed stay until they expire (the storage filter's max-age); to drop them now, purge again once it answers, or restart it.")
    void purgeAbandoned(String cache, String target, String purge, int attempts, String problem);

    @LogMessage(level = ERROR)
    @Message(id = 243, value = "http-cache '%1$s': dropped %3$s for Varnish %2$s: %4$d purges wait for a retry already. Its cached copies of what changed stay until they expire; bring the Varnish back or remove it from purge-targets.")
    void purgeQueueFull(String cache, String target, String purge, int waiting);

    @LogMessage(level = DEBUG)
    @Message(id = 244, value = "http-cache '%s': Varnish %s did not take %s (attempt %d): %s")
    void purgeAttemptFailed(String cache, String target, String purge, int attempt, String problem);

    @LogMessage(level = DEBUG)
    @Message(id = 245, value = "http-cache '%s': Varnish %s took %s (%d objects purged)")
    void purgeSent(String cache, String target, String purge, long purged);

    @LogMessage(level = INFO)
    @Message(id = 246, value = "http-cache '%s' purges %s (purge-mode %s, connect-timeout %d ms, request-timeout %d ms, retries %d)")
    void httpCacheStarted(String cache, String targets, String mode, long connectTimeout, long requestTimeout, int retries);

    @LogMessage(level = WARN)
    @Message(id = 247, value = "http-cache '%s' stopped with %d purges waiting for a retry; they are dropped, and the Varnish servers they were for may serve old copies until these expire")
    void retriesDroppedAtStop(String cache, int dropped);

    @Message(id = 248, value = "'%s' is not a valid cache tag: %s")
    IllegalArgumentException invalidCacheTag(String tag, String problem);

    @Message(id = 249, value = "'%s' cannot be purged: %s")
    IllegalArgumentException invalidPurgeUrl(String url, String problem);

    @Message(id = 250, value = "The purge-secret of http-cache '%s' holds a control or non-ASCII character, which an HTTP header cannot carry; use printable US-ASCII")
    IllegalArgumentException unsafePurgeSecret(String cache);

    @Message(id = 251, value = "The purge-secret of http-cache '%s' holds no password")
    IllegalStateException noPasswordInPurgeSecret(String cache);

    @Message(id = 252, value = "Could not read the purge-secret of http-cache '%s': %s")
    IllegalStateException unreadablePurgeSecret(String cache, String problem, @Cause Throwable cause);

    @Message(id = 253, value = "Deployment %1$s uses the http-cache '%2$s' (by its context parameter %3$s), but the cluster-io subsystem has no http-cache=%2$s; its http-caches are %4$s")
    DeploymentUnitProcessingException unknownHttpCache(String deployment, String cache, String contextParameter, String caches);

    @Message(id = 254, value = "Deployment %s uses HttpCache, but the cluster-io subsystem has %s; add an http-cache, or with several name one with the context parameter %s")
    DeploymentUnitProcessingException noHttpCacheChosen(String deployment, String caches, String contextParameter);

    @LogMessage(level = DEBUG)
    @Message(id = 255, value = "Deployment %s uses the http-cache '%s'")
    void deploymentHttpCache(String deployment, String cache);

    @LogMessage(level = DEBUG)
    @Message(id = 256, value = "Deployment %s answers %s itself: 200 while this server runs, 503 while it starts, is suspended or stops")
    void readinessInstalled(String deployment, String path);

    // 270-299: check-integrity and purge (org.clusterio.integrity)

    @LogMessage(level = INFO)
    @Message(id = 270, value = "%s %s: starting, %s")
    void integrityStarted(String operation, String description, String mode);

    @LogMessage(level = INFO)
    @Message(id = 271, value = "%s %s: %d records and %d files read; %d records without bytes, %d bytes without a record, %d size mismatches, %d soft-deleted records, %d temporary leftovers; %d records/s, %s")
    void integrityProgress(String operation, String description, long rows, long files, long rowsWithoutBytes, long bytesWithoutRow, long sizeMismatches,
            long softDeleted, long leftovers, long rowsPerSecond, String state);

    @LogMessage(level = DEBUG)
    @Message(id = 272, value = "purge %3$s: removed %2$s (%1$s)")
    void purged(String target, String id, String description);

    @LogMessage(level = WARN)
    @Message(id = 273, value = "purge %3$s: could not remove %2$s (%1$s); it stays, and the next purge tries again")
    void purgeFailed(String target, String id, String description, @Cause Throwable cause);

    @Message(id = 274, value = "A check-integrity or purge is already running: %s %s; see the subsystem's integrity-check attribute")
    OperationFailedException integrityAlreadyRunning(String operation, String description);

    @Message(id = 275, value = "what: '%s' is not something purge removes; it removes %s")
    OperationFailedException unknownPurgeTarget(String value, List<String> targets);

    @Message(id = 276, value = "older-than: %d is negative; it is the protect window in seconds (0 or more, default 86400): nothing last written within it is removed")
    IllegalArgumentException negativeOlderThan(long seconds);

    @Message(id = 277, value = "bulk-count: %d is not a page size; it must be 1 or more")
    IllegalArgumentException invalidBulkCount(int bulkCount);

    // 310-329: readiness checks for the health endpoint (org.clusterio.health)

    @Message(id = 310, value = "cache container %s is %s, not running")
    IllegalStateException cacheContainerNotRunning(String container, String status);

    @Message(id = 311, value = "cache container %s: this node (%s) is not in the cluster's view %s")
    IllegalStateException notInClusterView(String container, String node, String members);

    @LogMessage(level = WARN)
    @Message(id = 312, value = "The health subsystem's probes cannot be built by an extension on this WildFly: readiness check %s is not on /health/ready")
    void serverProbesUnavailable(String check);

    @LogMessage(level = DEBUG)
    @Message(id = 313, value = "Readiness check %s is on /health/ready, through the %s subsystem")
    void readinessCheckRegistered(String check, String subsystem);

    // 470-479: migrate-files in batches (org.clusterio.dfs, org.clusterio)

    @LogMessage(level = DEBUG)
    @Message(id = 470, value = "A batch of %d DFS rows failed as a whole (%s): writing them one at a time, so that only the rows that fail on their own fail")
    void dfsBatchWrittenOneByOne(int rows, String cause);
}
