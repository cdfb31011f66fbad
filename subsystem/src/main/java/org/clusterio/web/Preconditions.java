package org.clusterio.web;

import java.time.Instant;

import io.undertow.util.HeaderMap;
import io.undertow.util.Headers;

/**
 * The conditional headers of a GET or HEAD, evaluated in the order of RFC 9110, 13.2.2: If-Match (strong
 * comparison, 13.1.1), else If-Unmodified-Since (13.1.4), fail with 412; then If-None-Match (weak comparison,
 * 13.1.2), else If-Modified-Since (13.1.3), give 304. An unreadable date is ignored. If-Range is the range's business
 * ({@link StorageRequestHandler}).
 */
enum Preconditions {

    PROCEED, PRECONDITION_FAILED, NOT_MODIFIED;

    static Preconditions evaluate(HeaderMap request, String etag, Instant lastModified) {
        String ifMatch = request.getFirst(Headers.IF_MATCH);
        if (ifMatch != null) {
            if (!EntityTags.matchHits(ifMatch, etag)) {
                return PRECONDITION_FAILED;
            }
        } else {
            String ifUnmodifiedSince = request.getFirst(Headers.IF_UNMODIFIED_SINCE);
            if (ifUnmodifiedSince != null && HttpDates.parse(ifUnmodifiedSince).map(lastModified::isAfter).orElse(false)) {
                return PRECONDITION_FAILED;
            }
        }
        String ifNoneMatch = request.getFirst(Headers.IF_NONE_MATCH);
        if (ifNoneMatch != null) {
            return EntityTags.noneMatchHits(ifNoneMatch, etag) ? NOT_MODIFIED : PROCEED;
        }
        String ifModifiedSince = request.getFirst(Headers.IF_MODIFIED_SINCE);
        return ifModifiedSince != null && HttpDates.parse(ifModifiedSince).map(since -> !lastModified.isAfter(since)).orElse(false)
                ? NOT_MODIFIED : PROCEED;
    }
}
