package org.clusterio.io;

/** A URI resolved by the {@link SiteDirectory}: the site whose url-prefix it starts with, and the id it names there. */
public record SiteUri(SiteIOService site, String id) {
}
