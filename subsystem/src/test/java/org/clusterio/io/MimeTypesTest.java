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
    void contentSignaturesWinOverNames() {
        assertEquals("image/jpeg", detect("photo.png", bytes(0xFF, 0xD8, 0xFF, 0xE0)));
        assertEquals("image/png", detect("upload", bytes(0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)));
        assertEquals("image/gif", detect("x", "GIF89a....".getBytes(StandardCharsets.US_ASCII)));
        assertEquals("image/webp", detect("x", "RIFF\0\0\0\0WEBPVP8 ".getBytes(StandardCharsets.US_ASCII)));
        assertEquals("application/pdf", detect("x.txt", "%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII)));
        assertEquals("image/svg+xml", detect("x", "<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"/>".getBytes(StandardCharsets.US_ASCII)));
        assertEquals("video/mp4", detect("clip", bytes(0, 0, 0, 0x18, 'f', 't', 'y', 'p', 'i', 's', 'o', 'm')));
        assertEquals("image/avif", detect("clip", bytes(0, 0, 0, 0x18, 'f', 't', 'y', 'p', 'a', 'v', 'i', 'f')));
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
