package org.clusterio.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.clusterio.api.ServingPolicy;
import org.junit.jupiter.api.Test;

class ServingPolicyTest {

    @Test
    void everyResponseIsNosniffAndSandboxed() {
        assertEquals(Map.of("X-Content-Type-Options", "nosniff", "Content-Security-Policy", "sandbox"), ServingPolicy.DEFAULT.headers());
        assertEquals(Map.of("X-Content-Type-Options", "nosniff"), new ServingPolicy(List.of(), "").headers(), "the empty policy sends none");
        assertEquals(Map.of("X-Content-Type-Options", "nosniff"), new ServingPolicy(List.of(), null).headers());
    }

    @Test
    void onlyPassiveTypesAreInlineByDefault() {
        for (String inline : new String[] { "image/jpeg", "image/png", "IMAGE/GIF", "image/webp", "image/avif", "video/mp4", "audio/mpeg",
                "text/plain; charset=UTF-8" }) {
            assertFalse(ServingPolicy.DEFAULT.contentHeaders(inline).containsKey("Content-Disposition"), inline);
        }
        for (String download : new String[] { "image/svg+xml", "text/html", "application/pdf", "application/xml", "text/javascript",
                "application/octet-stream", "application/zip", "text/css", "videos/x", "text/plain2" }) {
            assertEquals("attachment", ServingPolicy.DEFAULT.contentHeaders(download).get("Content-Disposition"), download);
        }
        assertFalse(new ServingPolicy(List.of("image/*"), "sandbox").inline("imagex/png"));
    }

    @Test
    void wildcardsNeverCoverActiveTypes() {
        ServingPolicy wildcards = new ServingPolicy(List.of("image/*", "text/*", "application/*"), "sandbox");
        for (String passive : new String[] { "image/png", "image/tiff", "text/plain", "text/csv", "application/json", "application/zip" }) {
            assertTrue(wildcards.inline(passive), passive);
        }
        for (String active : new String[] { "image/svg+xml", "text/html", "TEXT/HTML; charset=utf-8", "text/xml", "text/javascript",
                "application/xhtml+xml", "application/pdf", "application/xml", "application/atom+xml" }) {
            assertFalse(wildcards.inline(active), active);
            assertEquals("attachment", wildcards.contentHeaders(active).get("Content-Disposition"), active);
        }
        ServingPolicy svgListed = new ServingPolicy(List.of("image/*", "image/svg+xml"), "sandbox");
        assertTrue(svgListed.inline("image/svg+xml"), "an active type listed exactly is shown in place, on purpose");
        assertTrue(svgListed.inline("Image/SVG+XML"));
        assertFalse(svgListed.inline("image/svg+xml,text/html"));
    }

    @Test
    void malformedTypesAreActiveAndNeverInline() {
        ServingPolicy everything = new ServingPolicy(List.of("image/*", "video/*", "text/*"), "sandbox");
        for (String malformed : new String[] { "image/png;,text/html", "video/mp4,text/html", "image/png, text/html", "text/plain\r\nX: y",
                "text/plain\nX: y", "image/png\u0000", "image/png;x=\"a,text/html\"", "image/png;x=\"y\"", "image/png\t", "image/png;charset",
                "image", "image/", "/png", "image/png/x", "image/*", "", "  ", "image/p\u00e9ng" }) {
            assertTrue(ServingPolicy.isActive(malformed), malformed);
            assertNull(ServingPolicy.normalised(malformed), malformed);
            assertFalse(everything.inline(malformed), malformed);
            assertEquals("attachment", ServingPolicy.DEFAULT.contentHeaders(malformed).get("Content-Disposition"), malformed);
        }
        assertTrue(ServingPolicy.isActive(null));
    }

    @Test
    void wellFormedTypesAreNormalised() {
        assertEquals("image/png", ServingPolicy.normalised("IMAGE/PNG"));
        assertEquals("image/png", ServingPolicy.normalised(" image/png "));
        assertEquals("image/png", ServingPolicy.normalised("image/png; q=1;;"), "parameters of other types are dropped");
        assertEquals("text/plain; charset=utf-8", ServingPolicy.normalised("text/plain; charset=utf-8"));
        assertEquals("text/plain; charset=utf-8", ServingPolicy.normalised("Text/Plain;Charset=UTF-8; format=flowed"));
        assertEquals("text/plain", ServingPolicy.normalised("text/plain; format=flowed"));
        assertEquals("text/csv", ServingPolicy.normalised("text/csv; charset=utf-8"), "only text/plain keeps its charset");
        assertEquals("application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                ServingPolicy.normalised("application/vnd.openxmlformats-officedocument.wordprocessingml.document"));
        assertFalse(ServingPolicy.isActive("IMAGE/PNG"));
        assertFalse(ServingPolicy.isActive("text/plain; charset=utf-8"));
    }

    @Test
    void activeTypesAreThoseThatRunScripts() {
        for (String active : new String[] { "text/html", "TEXT/HTML;charset=utf-8", "application/xhtml+xml", "image/svg+xml", "application/xml",
                "text/xml", "application/atom+xml", "text/javascript", "application/javascript", "application/pdf", "text/xsl" }) {
            assertTrue(ServingPolicy.isActive(active), active);
        }
        for (String passive : new String[] { "image/png", "text/plain", "video/mp4", "application/octet-stream", "application/json", "text/css" }) {
            assertFalse(ServingPolicy.isActive(passive), passive);
        }
    }

    @Test
    void badValuesAreRefused() {
        for (String bad : new String[] { "image", "*/*", "image/", "/png", "image/png;x=y", "image/png image/gif", "" }) {
            assertNotNull(ServingPolicy.problemWithInlineType(bad), bad);
        }
        assertNull(ServingPolicy.problemWithInlineType("video/*"));
        assertNull(ServingPolicy.problemWithContentSecurityPolicy("sandbox allow-downloads; default-src 'none'; img-src 'self' data:"));
        for (String bad : new String[] { "sandbox\r\nSet-Cookie: x=y", "sandbox, script-src *", "'none'", "\u00e9" }) {
            assertNotNull(ServingPolicy.problemWithContentSecurityPolicy(bad), bad);
        }
        assertThrows(IllegalArgumentException.class, () -> new ServingPolicy(List.of("text"), "sandbox"));
        assertThrows(IllegalArgumentException.class, () -> new ServingPolicy(List.of(), "sandbox\nx"));
    }
}
