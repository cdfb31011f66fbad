package org.clusterio.api;

import java.util.Collection;
import java.util.List;

/**
 * The shared HTTP cache (Varnish) in front of the cluster, for applications that cache their own responses there:
 * tag a response, and purge its tags (or its URL) when what it shows changes, as Ibexa DXP's HTTP cache and
 * FOSHttpCache let a CMS do. The subsystem does the same for stored files on its own: the storage filter tags every
 * file it serves, and every create, replace and delete of a site with an {@code http-cache} purges them.
 *
 * <p><b>Tags</b> go in the {@value #TAG_HEADER} response header, separated by spaces; a tag is printable US-ASCII
 * without spaces or commas. A tag purge reaches everything a Varnish caches, whatever the host, so pick a prefix of
 * your own (the subsystem's tags start with {@code ci-}). A page that shows a stored file can carry that file's tags
 * ({@link #tagsOf}), so that it is purged with the file.</p>
 *
 * <p><b>Purges</b> go to every purge target of the http-cache resource and return once each has answered or failed.
 * A purge that a Varnish does not take (unreachable, timeout, refused) is logged, counted and retried in the
 * background a bounded number of times; no method throws because a cache is down. The resource's
 * {@code purge-mode} says whether tag purges are soft (stale copies kept for their grace, refreshed in the
 * background) or hard.</p>
 *
 * <p>Deployments get it by {@code @Inject HttpCache}, or from JNDI at
 * {@code java:jboss/cluster-io/http-cache/<name>}: the http-cache named by the context parameter
 * {@code org.clusterio.http-cache}, or the subsystem's only one. Implementations are thread-safe.</p>
 */
public interface HttpCache {

    /** The response header Varnish's xkey module reads tags from. */
    String TAG_HEADER = "xkey";

    /** @return the name of the http-cache resource behind this cache */
    String name();

    /** @return the response header that carries tags: {@value #TAG_HEADER} */
    default String tagHeader() {
        return TAG_HEADER;
    }

    /**
     * @return the value of the {@link #tagHeader()} header for these tags, space-separated, duplicates removed
     * @throws IllegalArgumentException if a tag is empty or holds a space, a comma, a control or a non-ASCII character
     */
    String tagHeaderValue(Collection<String> tags);

    /**
     * @return the tags the storage filter puts on the responses of a stored file: the file's own, then those of its
     *         directories from the site's storage root down to the file's parent; purged when the file is replaced
     *         or deleted, or one of its directories is deleted, through a site with an http-cache
     * @throws InvalidBinaryFileIdException if the id is not valid
     */
    List<String> tagsOf(IOService site, String id);

    /**
     * Purges everything tagged with any of the tags from every Varnish, softly or hard as the resource's
     * {@code purge-mode} says.
     *
     * @throws IllegalArgumentException if a tag is not valid (see {@link #tagHeaderValue}); nothing is then purged
     */
    void purgeTags(Collection<String> tags);

    /**
     * Purges these URLs (every variant of each) from every Varnish. A path such as {@code /app/page?id=1} is purged
     * with the Host of each Varnish, as clients that reach it by its own address send it; an absolute URL such as
     * {@code https://www.example.com/app/page} with the URL's host (and port, if it names one), as clients that
     * reach the cache under that name send it.
     *
     * @throws IllegalArgumentException if a URL is neither a path starting with {@code /} nor an absolute http or
     *         https URL, or holds spaces or control characters; nothing is then purged
     */
    void purgeUrls(Collection<String> urls);
}
