package org.clusterio.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;

import org.clusterio.api.BinaryFile;
import org.junit.jupiter.api.Test;

class HttpSemanticsTest {

    private static final BinaryFile FILE = new BinaryFile("images/a.jpg", 1000, Instant.ofEpochSecond(1_700_000_000), "/var/site/storage/images/a.jpg", "image/jpeg");

    private static final String ETAG = "\"6553f100.1a2b-3e8\"";

    @Test
    void ifMatchComparesStronglyOverLists() {
        assertTrue(EntityTags.matchHits(ETAG, ETAG));
        assertTrue(EntityTags.matchHits("\"x\", " + ETAG, ETAG));
        assertTrue(EntityTags.matchHits("*", ETAG));
        assertFalse(EntityTags.matchHits("W/" + ETAG, ETAG), "a weak tag never matches strongly");
        assertFalse(EntityTags.matchHits("\"6553f100.1a2b-3e9\"", ETAG));
    }

    @Test
    void ifNoneMatchComparesWeaklyOverLists() {
        String etag = ETAG;
        assertTrue(EntityTags.noneMatchHits(etag, etag));
        assertTrue(EntityTags.noneMatchHits("W/" + etag, etag));
        assertTrue(EntityTags.noneMatchHits("\"x\", " + etag + " ,\"y\"", etag));
        assertTrue(EntityTags.noneMatchHits("*", etag));
        assertFalse(EntityTags.noneMatchHits("\"6553f100.1a2b-3e9\"", etag), "a stale tag never matches");
        assertFalse(EntityTags.noneMatchHits(etag.replace("\"", ""), etag), "an unquoted tag is not the tag");
        assertFalse(EntityTags.strongMatch("W/" + etag, etag));
        assertTrue(EntityTags.strongMatch(etag, etag));
    }

    @Test
    void parsesRanges() {
        assertEquals(new ByteRange(ByteRange.Kind.PART, 0, 99), ByteRange.of("bytes=0-99", 1000));
        assertEquals(new ByteRange(ByteRange.Kind.PART, 900, 999), ByteRange.of("bytes=900-", 1000));
        assertEquals(new ByteRange(ByteRange.Kind.PART, 900, 999), ByteRange.of("bytes=-100", 1000));
        assertEquals(new ByteRange(ByteRange.Kind.PART, 0, 999), ByteRange.of("bytes=-5000", 1000));
        assertEquals(new ByteRange(ByteRange.Kind.PART, 990, 999), ByteRange.of("bytes=990-5000", 1000));
        assertEquals(ByteRange.Kind.UNSATISFIABLE, ByteRange.of("bytes=1000-", 1000).kind());
        assertEquals(ByteRange.Kind.UNSATISFIABLE, ByteRange.of("bytes=-0", 1000).kind());
        for (String whole : new String[] { null, "bytes=5-1", "bytes=a-b", "items=0-1", "bytes=0-1,5-6", "bytes=", "bytes=--1", "bytes=1", "bytes=+1-2" }) {
            assertEquals(ByteRange.Kind.WHOLE, ByteRange.of(whole, 1000).kind(), String.valueOf(whole));
        }
        assertEquals(100, ByteRange.of("bytes=0-99", 1000).length());
    }

    @Test
    void formatsAndParsesHttpDates() {
        assertEquals("Tue, 14 Nov 2023 22:13:20 GMT", HttpDates.format(FILE.mtime()));
        assertEquals(FILE.mtime(), HttpDates.parse("Tue, 14 Nov 2023 22:13:20 GMT").orElseThrow());
        assertTrue(HttpDates.parse("yesterday").isEmpty());
        // RFC 9110, 5.6.7: the obsolete forms are accepted, and mean the same instant
        Instant example = Instant.parse("1994-11-06T08:49:37Z");
        assertEquals(example, HttpDates.parse("Sun, 06 Nov 1994 08:49:37 GMT").orElseThrow());
        assertEquals(example, HttpDates.parse("Sunday, 06-Nov-94 08:49:37 GMT").orElseThrow());
        assertEquals(example, HttpDates.parse("Sun Nov  6 08:49:37 1994").orElseThrow());
        assertEquals(example, HttpDates.parse("Sun Nov 6 08:49:37 1994").orElseThrow());
        assertEquals(Instant.parse("2026-11-16T08:49:37Z"), HttpDates.parse("Monday, 16-Nov-26 08:49:37 GMT").orElseThrow());
        assertTrue(HttpDates.parse("Mon, 06 Nov 1994 08:49:37 GMT").isEmpty(), "a weekday that is not the date's");
        assertTrue(HttpDates.parse("Sun, 31 Feb 1994 08:49:37 GMT").isEmpty());
        assertTrue(HttpDates.parse("Sun, 06 Nov 1994 08:49:37 +0000").isEmpty(), "HTTP dates are GMT");
    }

    @Test
    void filtersServeTheirSitesWithTheirCacheTimes() {
        StorageFilter all = StorageFilter.of("images", java.util.regex.Pattern.compile(StorageFilter.DEFAULT_PATTERN), 600, 3600, true, java.util.Set.of(), org.clusterio.api.ServingPolicy.DEFAULT);
        assertTrue(all.serves("site") && all.serves("admin"));
        StorageFilter adminOnly = StorageFilter.of("admin", all.pattern(), 600, 3600, true, java.util.Set.of("admin"), org.clusterio.api.ServingPolicy.DEFAULT);
        assertTrue(adminOnly.serves("admin"));
        assertFalse(adminOnly.serves("site"));
        assertEquals("public, max-age=600", all.cacheControl("/var/site/storage/images/a.jpg"));
        assertEquals("public, max-age=3600, immutable", all.cacheControl("/var/site/storage/images-versioned/a.jpg"));
        assertTrue(all.pattern().matcher("/var/site/storage/images/a.jpg").matches());
        assertTrue(all.pattern().matcher("/var/storage/images-versioned/a.jpg").matches());
        assertFalse(all.pattern().matcher("/var/site/storage/original/a.pdf").matches());
        assertFalse(all.pattern().matcher("/x/var/site/storage/images/a.jpg").matches());
    }
}
