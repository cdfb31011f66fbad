package org.clusterio.web;

import java.time.Instant;
import java.util.Objects;

import org.clusterio.api.ServingPolicy;
import org.clusterio.httpcache.CacheTags;
import org.clusterio.io.MimeTypes;
import org.clusterio.io.OpenedBinary;

/**
 * The header values of one version of one stored file, which only change when the file does: its entity tag, its
 * Last-Modified date (whole seconds, as HTTP dates have them) and that date formatted, its Content-Type, whether it
 * goes out as an attachment, and its {@code xkey} tags. Computed once per version by {@link VersionHeaderCache}
 * instead of once per request: formatting the date and joining the tags were a visible part of each answer.
 *
 * @param version  the opened bytes' version these values were made for ({@link OpenedBinary#version()})
 * @param mimeType the record's type as it was, before it was normalised: a record with another type is another entry
 */
record VersionHeaders(String version, String mimeType, String etag, Instant lastModified, String lastModifiedHeader, String contentType,
        boolean attachment, String cacheTags) {

    static VersionHeaders of(String storageRoot, String id, String mimeType, OpenedBinary opened, ServingPolicy policy) {
        String version = opened.version();
        Instant lastModified = Instant.ofEpochSecond(opened.lastModified().getEpochSecond());
        // The IO service hands out normalised types only; sending nothing else keeps a header value with a comma or a
        // line break out of the response even if some other source of BinaryFiles does not.
        String contentType = Objects.requireNonNullElse(ServingPolicy.normalised(mimeType), MimeTypes.UNKNOWN);
        return new VersionHeaders(version, mimeType, EntityTags.of(opened), lastModified, HttpDates.format(lastModified), contentType,
                !policy.inline(contentType), String.join(" ", CacheTags.ofFile(storageRoot, id)));
    }

    /** @return whether these values describe the opened bytes of a record of this type */
    boolean describe(String recordType, OpenedBinary opened) {
        return Objects.equals(mimeType, recordType) && version.equals(opened.version());
    }
}
