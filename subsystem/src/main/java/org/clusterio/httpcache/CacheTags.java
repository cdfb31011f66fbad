package org.clusterio.httpcache;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.clusterio.logging.ClusterIOLogger;

/**
 * The tags of stored files in the HTTP cache: {@code ci-} and the first 12 hex digits of the SHA-256 of a store-level
 * name, the site-internal path of a file ({@code var/site/storage/images/1/2/x.jpg}) or of a directory
 * ({@code var/site/storage/images/1/2}). Every node and every site on the same store computes the same tags, and a
 * tag names no file to whoever sees it. 48 bits keep a collision (which only purges one object too many) unlikely
 * among millions of files, and a header with a tag per directory short.
 */
public final class CacheTags {

    static final String PREFIX = "ci-";
    private static final int HEX_DIGITS = 12;

    private CacheTags() {
    }

    /** @return the tag of a file or directory by its store-level name */
    public static String of(String storeName) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(storeName.getBytes(StandardCharsets.UTF_8));
            return PREFIX + HexFormat.of().formatHex(hash, 0, HEX_DIGITS / 2);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /**
     * @param storageRoot the site's storage directory as a store-level name, such as {@code var/site/storage}
     * @param id a valid id inside it, such as {@code images/1/2/x.jpg}
     * @return the file's tag, then those of its directories from the storage root down to its parent
     */
    public static List<String> ofFile(String storageRoot, String id) {
        List<String> tags = new ArrayList<>();
        tags.add(of(storageRoot + "/" + id));
        tags.add(of(storageRoot));
        for (int slash = id.indexOf('/'); slash >= 0; slash = id.indexOf('/', slash + 1)) {
            tags.add(of(storageRoot + "/" + id.substring(0, slash)));
        }
        return tags;
    }

    /**
     * @return the tags space-separated, each once, as the {@code xkey} header and the purge headers carry them
     * @throws IllegalArgumentException if a tag is not valid (see {@link #problemWith})
     */
    public static String headerValue(Collection<String> tags) {
        Set<String> unique = new LinkedHashSet<>();
        for (String tag : tags) {
            String problem = problemWith(tag);
            if (problem != null) {
                throw ClusterIOLogger.HTTP_CACHE_LOGGER.invalidCacheTag(String.valueOf(tag).replaceAll("\\p{Cntrl}", "?"), problem);
            }
            unique.add(tag);
        }
        return String.join(" ", unique);
    }

    /** @return what makes the tag unfit for a header that separates tags by spaces or commas, or null if nothing */
    static String problemWith(String tag) {
        if (tag == null || tag.isEmpty()) {
            return "a tag must not be empty";
        }
        for (int i = 0; i < tag.length(); i++) {
            char c = tag.charAt(i);
            if (c <= ' ' || c >= 0x7f || c == ',') {
                return "a tag holds printable US-ASCII characters only, no spaces, commas or control characters";
            }
        }
        return null;
    }
}
