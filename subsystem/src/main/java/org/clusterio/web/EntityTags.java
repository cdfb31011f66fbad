package org.clusterio.web;

import org.clusterio.api.BinaryFile;

/**
 * Entity tags of stored files (RFC 9110, 8.8.3): strong, derived from the file's modification time and size, so
 * that a replaced file always gets a new tag. The PHP cluster gateway answers 304 to stale tags: this does not.
 */
final class EntityTags {

    private EntityTags() {
    }

    static String of(BinaryFile file) {
        return "\"" + Long.toHexString(file.mtime().getEpochSecond()) + "-" + Long.toHexString(file.size()) + "\"";
    }

    /**
     * If-None-Match: weak comparison (a W/ prefix is ignored) against a list of tags, or {@code *} for any
     * current representation.
     */
    static boolean noneMatchHits(String ifNoneMatch, String etag) {
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.strip();
            if (tag.equals("*") || opaque(tag).equals(opaque(etag))) {
                return true;
            }
        }
        return false;
    }

    /** If-Range with an entity tag: strong comparison, so a weak tag never matches. */
    static boolean strongMatch(String tag, String etag) {
        return !tag.startsWith("W/") && tag.equals(etag);
    }

    private static String opaque(String tag) {
        return tag.startsWith("W/") ? tag.substring(2) : tag;
    }
}
