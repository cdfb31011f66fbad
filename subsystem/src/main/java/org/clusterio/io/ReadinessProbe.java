package org.clusterio.io;

import java.time.Duration;
import java.util.Map;

/**
 * One quick look at whether a store can do its work now, for the readiness checks of the server's {@code health}
 * endpoint: a database that answers, a bucket that exists, a directory that takes a new file. It stays within the
 * given time as far as the store can bound it; the caller bounds it again, for a store that cannot (an NFS mount that
 * hangs).
 */
@FunctionalInterface
public interface ReadinessProbe {

    /**
     * @param timeout how long the probe may take
     * @return what the probe found, for the operator (such as the cluster's members); empty if nothing more to say
     * @throws Exception why the store cannot do its work now: its message is the reason the check reports
     */
    Map<String, String> probe(Duration timeout) throws Exception;
}
