package org.clusterio.httpcache;

/** How tag purges remove cached copies: the header of the shipped VCL's purge protocol (docs/varnish/README.md). */
public enum PurgeMode {

    /** Expired at once but kept for their grace: the next request may get the stale copy while it is refreshed. */
    SOFT("xkey-softpurge"),
    /** Gone: no request after the purge's answer gets them. */
    HARD("xkey-purge");

    private final String header;

    PurgeMode(String header) {
        this.header = header;
    }

    /** @return the request header that carries the tags of a purge in this mode */
    String header() {
        return header;
    }
}
