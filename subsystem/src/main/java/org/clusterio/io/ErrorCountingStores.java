package org.clusterio.io;

/**
 * The running values of handler resources that count their storage's failures: each site's handler of the store is
 * wrapped so that whatever uses it (the site's IO service, migrate-files, check-integrity) counts for the resource.
 */
public final class ErrorCountingStores {

    private ErrorCountingStores() {
    }

    public static MetadataStore of(MetadataStore store) {
        return new CountingMetadataStore(store, new BackendErrors());
    }

    public static BinarydataStore of(BinarydataStore store) {
        return new CountingBinarydataStore(store, new BackendErrors());
    }

    /**
     * @return the store that a counting store wraps, or the value itself if it wraps nothing: what a readiness check
     *         probes is the store, which the counting wrapper knows nothing of
     */
    public static Object unwrapped(Object value) {
        if (value instanceof CountingMetadataStore counting) {
            return counting.store();
        }
        if (value instanceof CountingBinarydataStore counting) {
            return counting.store();
        }
        return value;
    }

    private record CountingMetadataStore(MetadataStore store, BackendErrors backendErrors) implements MetadataStore, BackendErrors.Counted {

        @Override
        public MetadataHandler forSite(SiteLayout site, BinarydataHandler binarydata) {
            return new ErrorCountingMetadataHandler(store.forSite(site, binarydata), backendErrors);
        }
    }

    private record CountingBinarydataStore(BinarydataStore store, BackendErrors backendErrors) implements BinarydataStore, BackendErrors.Counted {

        @Override
        public BinarydataHandler forSite(SiteLayout site) {
            return new ErrorCountingBinarydataHandler(store.forSite(site), backendErrors);
        }
    }
}
