package org.clusterio.web;

import org.clusterio.io.OpenedBinary;

/**
 * Entity tags of stored files (RFC 9110, 8.8.3): strong, made of the version of the bytes actually opened for the
 * answer ({@link OpenedBinary#version()}), never of a metadata record that may describe an older file. The store's
 * version changes with every write and is the same on every node, so a replaced file always gets a new tag and two
 * nodes behind one cache give one tag for one file. The PHP cluster gateway answers 304 to stale tags: this does not.
 */
final class EntityTags {

    private EntityTags() {
    }

    static String of(OpenedBinary opened) {
        return "\"" + opened.version() + "\"";
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

    /** If-Match: strong comparison against a list of tags, or {@code *} for any current representation. */
    static boolean matchHits(String ifMatch, String etag) {
        for (String candidate : ifMatch.split(",")) {
            String tag = candidate.strip();
            if (tag.equals("*") || strongMatch(tag, etag)) {
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
