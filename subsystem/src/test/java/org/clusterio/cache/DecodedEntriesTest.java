package org.clusterio.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Map;

import org.junit.jupiter.api.Test;

/** Decoded entries are reused while the cache hands out the very text they came from, and only then. */
class DecodedEntriesTest {

    private final DecodedEntries entries = new DecodedEntries();

    @Test
    void theSameTextIsDecodedOnceAndAnotherTextAgain() {
        String text = CachedEntry.encode(Map.of("dir:images", TagVersions.newVersion()), "5\t1\t0\timage/jpeg");
        CachedEntry first = entries.decode("k", text);
        assertEquals("5\t1\t0\timage/jpeg", first.payload());
        assertSame(first, entries.decode("k", text));
        String written = CachedEntry.encode(Map.of("dir:images", TagVersions.newVersion()), "6\t2\t0\timage/jpeg");
        CachedEntry next = entries.decode("k", written);
        assertEquals("6\t2\t0\timage/jpeg", next.payload());
        assertEquals(first.tagVersions().keySet(), next.tagVersions().keySet());
        assertNotSame(first, entries.decode("k", new String(text.toCharArray())), "an equal text that is another object is decoded again");
    }

    @Test
    void tombstonesAndNoTextAreNoEntriesAndAreNotKept() {
        assertNull(entries.decode("k", CachedEntry.tombstone()));
        assertNull(entries.decode("k", null));
        assertNull(entries.decode("k", "not ours"));
        assertEquals(0, entries.size());
    }

    @Test
    void itStartsAgainEmptyWhenFull() {
        String text = CachedEntry.encode(Map.of(), "payload");
        for (int i = 0; i < DecodedEntries.MAX_ENTRIES; i++) {
            entries.decode("k" + i, text);
        }
        assertEquals(DecodedEntries.MAX_ENTRIES, entries.size());
        entries.decode("one more", text);
        assertEquals(1, entries.size());
    }
}
