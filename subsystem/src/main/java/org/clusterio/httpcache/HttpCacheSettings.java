package org.clusterio.httpcache;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;

/**
 * The resolved attributes of an http-cache resource.
 *
 * @param retries how many times a failed purge is tried again in the background
 * @param firstRetry the wait before the first retry; each further one waits twice as long, at most {@code maxRetry}
 * @param secret the value of the purge secret header; empty for none
 */
public record HttpCacheSettings(String name, List<URI> targets, PurgeMode mode, Duration connectTimeout, Duration requestTimeout, int retries,
        Duration firstRetry, Duration maxRetry, String secret) {

    public static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    public static final Duration MAX_RETRY = Duration.ofSeconds(60);

    public HttpCacheSettings {
        targets = List.copyOf(targets);
    }

    /** @return what is wrong with a purge-targets element, or null if nothing */
    public static String problemWithTarget(String url) {
        try {
            URI uri = new URI(url);
            boolean http = "http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme());
            if (!http || uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null
                    || !(uri.getRawPath() == null || uri.getRawPath().isEmpty() || uri.getRawPath().equals("/"))) {
                return "it must be the http or https URL of a Varnish server, such as http://10.0.0.5:6081, without path, query or user";
            }
            return null;
        } catch (URISyntaxException e) {
            return "it is not a URL: " + e.getReason();
        }
    }

    /** @return how long before retry number {@code attempt} (1 for the first) */
    Duration backoff(int attempt) {
        Duration wait = firstRetry.multipliedBy(1L << Math.min(attempt - 1, 20));
        return wait.compareTo(maxRetry) > 0 ? maxRetry : wait;
    }
}
