package org.clusterio.web;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.clusterio.api.ServingPolicy;
import org.clusterio.io.OpenedBinary;

/**
 * The {@link VersionHeaders} of the files a storage filter served last, one entry per file: an entry is used while
 * the opened bytes are the version it was made for and the record names the same type, and replaced when they are
 * not, so a replaced file never goes out with its predecessor's headers. Node-local and bounded: when it holds
 * {@link #MAX_ENTRIES} files it starts again empty, which costs one computation per file and keeps no stale entry
 * alive for long. Thread-safe.
 */
final class VersionHeaderCache {

    /** Some thousands of hot files, a few hundred bytes each: well below a megabyte. */
    static final int MAX_ENTRIES = 4096;

    private final Map<String, VersionHeaders> byFile = new ConcurrentHashMap<>();
    private final ServingPolicy policy;

    VersionHeaderCache(ServingPolicy policy) {
        this.policy = policy;
    }

    VersionHeaders of(String storageRoot, String id, String mimeType, OpenedBinary opened) {
        String key = storageRoot + '/' + id;
        VersionHeaders known = byFile.get(key);
        if (known != null && known.describe(mimeType, opened)) {
            return known;
        }
        VersionHeaders computed = VersionHeaders.of(storageRoot, id, mimeType, opened, policy);
        if (byFile.size() >= MAX_ENTRIES) {
            byFile.clear();
        }
        byFile.put(key, computed);
        return computed;
    }

    int size() {
        return byFile.size();
    }
}
