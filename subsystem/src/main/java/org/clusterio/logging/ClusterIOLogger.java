package org.clusterio.logging;

import static org.jboss.logging.Logger.Level.ERROR;
import static org.jboss.logging.Logger.Level.INFO;
import static org.jboss.logging.Logger.Level.WARN;

import org.clusterio.api.IOBackendException;
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
    @Message(id = 3, value = "DFS metadata handler '%s': table %s does not exist, creating it (create-schema is on)")
    void creatingDfsTable(String handler, String table);

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
}
