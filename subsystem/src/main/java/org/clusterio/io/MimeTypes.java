package org.clusterio.io;

import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

import org.clusterio.api.ServingPolicy;

/**
 * Decides the MIME types of stored files so that an upload never becomes active content (see {@link ServingPolicy}).
 * The type the name's extension stands for wins: {@code images/evil.jpg} is {@code image/jpeg} whatever its bytes, so
 * a browser that is told so (with {@code nosniff}) only ever decodes it as an image. Content (the first
 * {@link #SNIFF_LENGTH} bytes at most: uploads are never read whole to find their type) and types claimed by others
 * (a caller, a DFS row written by another node) only fill in a name that says nothing, and never with an active type
 * (HTML, XML, SVG, JavaScript, PDF): a file is active only when its name says so, stored on purpose. A claimed type
 * counts only whole and well-formed, and only in its normalised form.
 */
public final class MimeTypes {

    public static final String UNKNOWN = "application/octet-stream";

    /** The most content that detection reads. */
    public static final int SNIFF_LENGTH = 8192;

    private static final Map<String, String> BY_EXTENSION = Map.ofEntries(
            Map.entry("jpg", "image/jpeg"), Map.entry("jpeg", "image/jpeg"), Map.entry("jpe", "image/jpeg"),
            Map.entry("png", "image/png"), Map.entry("gif", "image/gif"), Map.entry("webp", "image/webp"),
            Map.entry("svg", "image/svg+xml"), Map.entry("avif", "image/avif"), Map.entry("bmp", "image/bmp"),
            Map.entry("tif", "image/tiff"), Map.entry("tiff", "image/tiff"), Map.entry("ico", "image/vnd.microsoft.icon"),
            Map.entry("pdf", "application/pdf"), Map.entry("txt", "text/plain"), Map.entry("csv", "text/csv"),
            Map.entry("html", "text/html"), Map.entry("htm", "text/html"), Map.entry("css", "text/css"),
            Map.entry("js", "text/javascript"), Map.entry("json", "application/json"), Map.entry("xml", "application/xml"),
            Map.entry("mp4", "video/mp4"), Map.entry("m4v", "video/mp4"), Map.entry("webm", "video/webm"),
            Map.entry("mov", "video/quicktime"), Map.entry("mp3", "audio/mpeg"), Map.entry("ogg", "audio/ogg"),
            Map.entry("wav", "audio/wav"), Map.entry("zip", "application/zip"), Map.entry("gz", "application/gzip"),
            Map.entry("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
            Map.entry("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            Map.entry("pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
            Map.entry("odt", "application/vnd.oasis.opendocument.text"), Map.entry("doc", "application/msword"),
            Map.entry("xls", "application/vnd.ms-excel"));

    /** @return the type the name's extension stands for, or {@link #UNKNOWN} */
    public String fromName(String name) {
        int slash = name.lastIndexOf('/');
        int dot = name.lastIndexOf('.');
        if (dot > slash && dot < name.length() - 1) {
            String known = BY_EXTENSION.get(name.substring(dot + 1).toLowerCase(Locale.ROOT));
            if (known != null) {
                return known;
            }
        }
        String guessed = URLConnection.guessContentTypeFromName(name);
        return guessed != null ? guessed : UNKNOWN;
    }

    /**
     * @param head the first bytes of the content; only the first {@code length} count
     * @return the type by name; else the passive type the content's signature shows; else {@link #UNKNOWN}
     */
    public String detect(String name, byte[] head, int length) {
        String byName = fromName(name);
        if (!byName.equals(UNKNOWN)) {
            return byName;
        }
        String byContent = fromContent(head, Math.min(length, SNIFF_LENGTH));
        return byContent == null || ServingPolicy.isActive(byContent) ? UNKNOWN : byContent;
    }

    /**
     * @param claimed the type a caller declared or a metadata record holds
     * @return the type by name; else the claimed type {@link ServingPolicy#normalised normalised} unless it is
     *         malformed (the type a browser reads in {@code image/png;,text/html} is {@code text/html}) or active;
     *         else {@link #UNKNOWN}
     */
    public String checked(String name, String claimed) {
        String byName = fromName(name);
        if (!byName.equals(UNKNOWN)) {
            return byName;
        }
        String normal = ServingPolicy.normalised(claimed);
        return normal == null || ServingPolicy.isActive(normal) ? UNKNOWN : normal;
    }

    private static String fromContent(byte[] b, int n) {
        if (starts(b, n, 0xFF, 0xD8, 0xFF)) {
            return "image/jpeg";
        }
        if (starts(b, n, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
            return "image/png";
        }
        if (ascii(b, n, 0, "GIF87a") || ascii(b, n, 0, "GIF89a")) {
            return "image/gif";
        }
        if (ascii(b, n, 0, "RIFF") && ascii(b, n, 8, "WEBP")) {
            return "image/webp";
        }
        if (ascii(b, n, 0, "RIFF") && ascii(b, n, 8, "WAVE")) {
            return "audio/wav";
        }
        if (ascii(b, n, 4, "ftyp")) {
            return ascii(b, n, 8, "avif") ? "image/avif" : ascii(b, n, 8, "qt  ") ? "video/quicktime" : "video/mp4";
        }
        if (ascii(b, n, 0, "%PDF-")) {
            return "application/pdf";
        }
        if (starts(b, n, 'P', 'K', 0x03, 0x04)) {
            return "application/zip";
        }
        if (starts(b, n, 0x1F, 0x8B)) {
            return "application/gzip";
        }
        if (ascii(b, n, 0, "BM")) {
            return "image/bmp";
        }
        if (starts(b, n, 'I', 'I', 0x2A, 0x00) || starts(b, n, 'M', 'M', 0x00, 0x2A)) {
            return "image/tiff";
        }
        if (ascii(b, n, 0, "ID3") || starts(b, n, 0xFF, 0xFB)) {
            return "audio/mpeg";
        }
        String text = new String(b, 0, Math.min(n, 512), StandardCharsets.ISO_8859_1).stripLeading().toLowerCase(Locale.ROOT);
        if (text.startsWith("<svg") || (text.startsWith("<?xml") && text.contains("<svg"))) {
            return "image/svg+xml";
        }
        if (text.startsWith("<!doctype html") || text.startsWith("<html")) {
            return "text/html";
        }
        if (text.startsWith("<?xml")) {
            return "application/xml";
        }
        return null;
    }

    private static boolean starts(byte[] b, int n, int... signature) {
        if (n < signature.length) {
            return false;
        }
        for (int i = 0; i < signature.length; i++) {
            if ((b[i] & 0xff) != signature[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean ascii(byte[] b, int n, int offset, String signature) {
        if (n < offset + signature.length()) {
            return false;
        }
        for (int i = 0; i < signature.length(); i++) {
            if (b[offset + i] != signature.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
