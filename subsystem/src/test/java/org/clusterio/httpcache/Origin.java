package org.clusterio.httpcache;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What every test node serves, like the shared storage behind a cluster's nodes: responses by path; and every request
 * that reached any node, in order.
 */
final class Origin {

    static final String STORAGE_CACHE_CONTROL = "public, max-age=3600";

    /** A response; the ETag is strong and changes with the body, as the storage filter's does. */
    record Resource(byte[] body, String cacheControl, String tags, String setCookie) {

        String etag() {
            return "\"" + Integer.toHexString(Arrays.hashCode(body)) + "-" + body.length + "\"";
        }
    }

    /** A request as a node got it (the readiness probe's are not recorded). */
    record Seen(String node, String path, String ifNoneMatch, String cookie) {
    }

    private final List<Seen> seen = new CopyOnWriteArrayList<>();

    private final Map<String, Resource> resources = new ConcurrentHashMap<>();

    /** A stored file as the storage filter serves it: public, max-age, ETag and xkey tags. */
    void putFile(String path, String body, String tags) {
        put(path, new Resource(body.getBytes(StandardCharsets.UTF_8), STORAGE_CACHE_CONTROL, tags, null));
    }

    void put(String path, Resource resource) {
        resources.put(path, resource);
    }

    Resource get(String path) {
        return resources.get(path);
    }

    void record(Seen request) {
        seen.add(request);
    }

    List<Seen> seen(String path) {
        return seen.stream().filter(request -> request.path().equals(path)).toList();
    }

    Seen lastSeen(String path) {
        List<Seen> all = seen(path);
        if (all.isEmpty()) {
            throw new AssertionError("no node saw " + path);
        }
        return all.get(all.size() - 1);
    }
}
