package org.clusterio.httpcache;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;
import java.util.Optional;

import org.clusterio.logging.ClusterIOLogger;

/**
 * One PURGE of the shipped VCL's protocol, before it is sent to a target: tags in the header of a purge mode (path
 * {@code /}), or a URL, whose cached copies the VCL finds by path and Host. A URL given as a path is purged with each
 * target's own Host; an absolute one with its host.
 *
 * @param path the request target, a path with an optional query
 * @param host the Host to send; empty for the target's own
 * @param headers the purge headers (no secret: that is the target's)
 */
record PurgeRequest(String path, Optional<String> host, Map<String, String> headers) {

    static PurgeRequest tags(PurgeMode mode, String headerValue) {
        return new PurgeRequest("/", Optional.empty(), Map.of(mode.header(), headerValue));
    }

    /** @throws IllegalArgumentException if the URL is neither a plain path nor an absolute http or https URL */
    static PurgeRequest url(String url) {
        String problem = problemWithText(url);
        if (problem != null) {
            throw ClusterIOLogger.HTTP_CACHE_LOGGER.invalidPurgeUrl(String.valueOf(url).replaceAll("\\p{Cntrl}", "?"), problem);
        }
        if (url.startsWith("/")) {
            return new PurgeRequest(url, Optional.empty(), Map.of());
        }
        try {
            URI uri = new URI(url);
            if (!("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme())) || uri.getHost() == null
                    || uri.getRawUserInfo() != null) {
                throw ClusterIOLogger.HTTP_CACHE_LOGGER.invalidPurgeUrl(url, "give a path such as /app/page or an http or https URL such as https://www.example.com/app/page");
            }
            String path = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                    + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
            return new PurgeRequest(path, Optional.of(uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort())), Map.of());
        } catch (URISyntaxException e) {
            throw ClusterIOLogger.HTTP_CACHE_LOGGER.invalidPurgeUrl(url, e.getReason());
        }
    }

    /** A request line and headers take printable US-ASCII only: anything else could split or smuggle a request. */
    private static String problemWithText(String url) {
        if (url == null || url.isEmpty()) {
            return "it must not be empty";
        }
        for (int i = 0; i < url.length(); i++) {
            char c = url.charAt(i);
            if (c <= ' ' || c >= 0x7f) {
                return "it must hold printable US-ASCII only (percent-encode the rest), no spaces or control characters";
            }
        }
        return url.startsWith("/") || url.contains("://") ? null : "give a path such as /app/page or an http or https URL such as https://www.example.com/app/page";
    }

    /** @return what the log says of this purge */
    @Override
    public String toString() {
        return headers.isEmpty() ? "PURGE " + host.map(h -> "//" + h).orElse("") + path : "PURGE " + headers;
    }
}
