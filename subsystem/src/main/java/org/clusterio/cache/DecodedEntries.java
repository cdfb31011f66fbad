package org.clusterio.cache;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The entries of a shared cache this node decoded last, one per key, so that a lookup of a hot key does not parse its
 * text again: a decoded entry is used while the cache hands out the very text it was decoded from (a local or
 * replicated Infinispan cache keeps values as the objects stored, and every write stores a new text), else the text is
 * decoded again. Tag versions are not remembered: they are read from the cache on every lookup, as invalidations
 * from other nodes change them. Node-local and bounded: when it holds {@link #MAX_ENTRIES} keys it starts again
 * empty. Thread-safe.
 */
final class DecodedEntries {

    static final int MAX_ENTRIES = 4096;

    private final Map<String, Decoded> byKey = new ConcurrentHashMap<>();

    /** @return the entry the text holds, as {@link CachedEntry#decode}: null for no text, a tombstone or foreign text */
    CachedEntry decode(String key, String text) {
        if (text == null) {
            return null;
        }
        Decoded known = byKey.get(key);
        if (known != null && known.text() == text) { // the same object: nothing was written since it was decoded
            return known.entry();
        }
        CachedEntry entry = CachedEntry.decode(text);
        if (entry != null) {
            if (byKey.size() >= MAX_ENTRIES) {
                byKey.clear();
            }
            byKey.put(key, new Decoded(text, entry));
        }
        return entry;
    }

    int size() {
        return byKey.size();
    }

    private record Decoded(String text, CachedEntry entry) {
    }
}
