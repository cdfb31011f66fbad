package org.clusterio.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class MimeTypesTest {

    private final MimeTypes mimeTypes = new MimeTypes();

    private String detect(String name, byte[] head) {
        return mimeTypes.detect(name, head, head.length);
    }

    private static byte[] bytes(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }

    @Test
    void theNameWinsOverTheContent() {
        byte[] html = "<!DOCTYPE html><html><script>alert(document.cookie)</script></html>".getBytes(StandardCharsets.US_ASCII);
        assertEquals("image/jpeg", detect("images/evil.jpg", html), "HTML bytes named .jpg stay an image");
        assertEquals("image/png", detect("photo.png", bytes(0xFF, 0xD8, 0xFF, 0xE0)));
        assertEquals("text/plain", detect("x.txt", "%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII)));
        assertEquals("image/gif", detect("x.gif", "<svg onload='alert(1)'/>".getBytes(StandardCharsets.US_ASCII)));
        assertEquals("image/svg+xml", detect("logo.svg", "<svg/>".getBytes(StandardCharsets.US_ASCII)), "an SVG by name is stored on purpose");
    }

    @Test
    void contentFillsInAnUnknownNameButNeverWithAnActiveType() {
        assertEquals("image/png", detect("upload", bytes(0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)));
        assertEquals("image/gif", detect("x", "GIF89a....".getBytes(StandardCharsets.US_ASCII)));
        assertEquals("image/webp", detect("x", "RIFF\0\0\0\0WEBPVP8 ".getBytes(StandardCharsets.US_ASCII)));
        assertEquals("video/mp4", detect("clip", bytes(0, 0, 0, 0x18, 'f', 't', 'y', 'p', 'i', 's', 'o', 'm')));
        assertEquals("image/avif", detect("clip", bytes(0, 0, 0, 0x18, 'f', 't', 'y', 'p', 'a', 'v', 'i', 'f')));
        for (String active : new String[] { "<!doctype html><p>x", "  <html><script>x</script>", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
                "<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"/>", "<?xml version=\"1.0\"?><x/>", "%PDF-1.7\n" }) {
            assertEquals(MimeTypes.UNKNOWN, detect("upload", active.getBytes(StandardCharsets.US_ASCII)), active);
            assertEquals(MimeTypes.UNKNOWN, detect("upload.unknownextension", active.getBytes(StandardCharsets.US_ASCII)), active);
        }
    }

    @Test
    void claimedTypesFillInAnUnknownNameButNeverWithAnActiveType() {
        assertEquals("image/jpeg", mimeTypes.checked("images/evil.jpg", "text/html"), "a DFS row written by a sniffing PHP node");
        assertEquals("image/jpeg", mimeTypes.checked("images/a.jpg", null));
        assertEquals("text/html", mimeTypes.checked("page.html", "text/plain"), "the name says HTML: stored on purpose");
        assertEquals("image/x-custom", mimeTypes.checked("blob", "image/x-custom"));
        for (String active : new String[] { "text/html", "Text/HTML; charset=UTF-8", "application/xhtml+xml", "image/svg+xml", "application/xml",
                "text/xml", "application/rss+xml", "text/javascript", "application/javascript", "application/pdf", "" }) {
            assertEquals(MimeTypes.UNKNOWN, mimeTypes.checked("blob", active), active);
        }
    }

    @Test
    void claimedTypesAreKeptOnlyWellFormedAndNormalised() {
        for (String smuggled : new String[] { "image/png;,text/html", "video/mp4,text/html", "image/png, text/html", "text/plain\r\nX: y",
                "image/png;x=\"a,text/html\"", "image/png\u0000", "image/png/x", "image/*" }) {
            assertEquals(MimeTypes.UNKNOWN, mimeTypes.checked("images/u/evil", smuggled), smuggled);
            assertEquals(MimeTypes.UNKNOWN, mimeTypes.checked("images/u/evil.unknownextension", smuggled), smuggled);
        }
        assertEquals("image/png", mimeTypes.checked("images/u/photo", "IMAGE/PNG"));
        assertEquals("image/png", mimeTypes.checked("images/u/photo", "image/png; q=1"));
        assertEquals("text/plain; charset=utf-8", mimeTypes.checked("notes/readme", "text/plain; charset=UTF-8"));
        assertEquals("text/plain", mimeTypes.checked("notes/readme", "text/plain; format=flowed"));
        assertEquals("image/jpeg", mimeTypes.checked("images/u/evil.jpg", "image/png;,text/html"), "the name still wins");
    }

    @Test
    void namesDecideForContainersAndUnknownContent() {
        assertEquals("application/vnd.openxmlformats-officedocument.wordprocessingml.document", detect("report.docx", bytes('P', 'K', 3, 4, 0, 0)));
        assertEquals("application/zip", detect("archive", bytes('P', 'K', 3, 4, 0, 0)));
        assertEquals("text/css", detect("site.CSS", "body{}".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(MimeTypes.UNKNOWN, detect("blob", bytes(1, 2, 3)));
        assertEquals(MimeTypes.UNKNOWN, detect("empty", new byte[0]));
    }

    @Test
    void readsNoMoreThanTheSniffLength() {
        byte[] head = new byte[MimeTypes.SNIFF_LENGTH * 2];
        assertEquals(MimeTypes.UNKNOWN, mimeTypes.detect("x", head, head.length));
    }
}
