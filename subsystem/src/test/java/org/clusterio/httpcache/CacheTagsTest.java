package org.clusterio.httpcache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

class CacheTagsTest {

    @Test
    void aTagIsAShortHashOfTheStoreLevelNameThatEveryNodeComputesAlike() {
        String tag = CacheTags.of("var/site/storage/images/1/2/x.jpg");
        assertTrue(tag.matches("ci-[0-9a-f]{12}"), tag);
        // fixed for good: nodes of different versions must agree, and so must the VCL's purges of old objects
        assertEquals("ci-" + sha256Head("var/site/storage/images/1/2/x.jpg"), tag);
        assertEquals(tag, CacheTags.of("var/site/storage/images/1/2/x.jpg"));
        assertNotEquals(tag, CacheTags.of("var/site/storage/images/1/2/y.jpg"));
        assertNotEquals(tag, CacheTags.of("var/admin/storage/images/1/2/x.jpg"), "another site's file is another file");
    }

    @Test
    void aFileCarriesItsOwnTagThenItsDirectoriesFromTheStorageRootDown() {
        assertEquals(List.of(CacheTags.of("var/site/storage/images/1/2/x.jpg"), CacheTags.of("var/site/storage"), CacheTags.of("var/site/storage/images"),
                CacheTags.of("var/site/storage/images/1"), CacheTags.of("var/site/storage/images/1/2")),
                CacheTags.ofFile("var/site/storage", "images/1/2/x.jpg"));
        assertEquals(List.of(CacheTags.of("var/site/storage/a.jpg"), CacheTags.of("var/site/storage")), CacheTags.ofFile("var/site/storage", "a.jpg"));
    }

    @Test
    void headerValuesJoinValidTagsOnceAndRefuseTheRest() {
        assertEquals("app-1 app-2", CacheTags.headerValue(List.of("app-1", "app-2", "app-1")));
        assertEquals("", CacheTags.headerValue(List.of()));
        for (String bad : Arrays.asList("", "two words", "a,b", "tab\tbed", "line\nbreak", "caf\u00e9", null)) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> CacheTags.headerValue(Arrays.asList("ok", bad)));
            assertTrue(refused.getMessage().startsWith("CLUSTERIO0248"), refused.getMessage());
        }
    }

    private static String sha256Head(String text) {
        try {
            byte[] hash = java.security.MessageDigest.getInstance("SHA-256").digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(hash).substring(0, 12);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
