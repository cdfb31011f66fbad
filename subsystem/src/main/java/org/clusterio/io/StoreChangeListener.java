package org.clusterio.io;

/**
 * Told of every change a site's IO service makes to its store, by store-level name (the site-internal path such as
 * {@code var/site/storage/images/a.jpg}, which every node and every site on the same store agree on), before the
 * change's call returns: what keeps copies of stored files elsewhere (an HTTP cache) drops them here. Called after
 * the change, also when it failed half-way, since the bytes served may have changed anyway. Implementations must
 * neither throw nor block for long: the change itself is done, and a listener's trouble is its own.
 */
public interface StoreChangeListener {

    /** Listens to nothing: a site without an HTTP cache. */
    StoreChangeListener NONE = new StoreChangeListener() {
        @Override
        public void fileChanged(String internalPath) {
        }

        @Override
        public void directoryDeleted(String internalPath) {
        }
    };

    /** The file was stored, replaced or deleted. */
    void fileChanged(String internalPath);

    /** The directory and everything below it was deleted. */
    void directoryDeleted(String internalPath);
}
