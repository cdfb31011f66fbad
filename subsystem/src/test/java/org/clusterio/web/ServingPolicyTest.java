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
        ServingPolicy svgInline = new ServingPolicy(List.of("image/*"), "sandbox");
        assertTrue(svgInline.inline("image/svg+xml"));
        assertFalse(svgInline.inline("imagex/png"));
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
