package org.clusterio.io.s3;

import java.time.Duration;
import java.util.Map;

import org.clusterio.io.BinarydataHandler;
import org.clusterio.io.BinarydataStore;
import org.clusterio.io.ReadinessProbe;
import org.clusterio.io.SiteLayout;

import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadBucketRequest;

/**
 * A bucket (of Amazon S3 or an S3-compatible store) that stores binaries for one or more sites. A file's key is
 * {@code <prefix>/<path template expanded for the site><id>}; with the defaults the key is Ibexa DXP's NFS path,
 * {@code var/site/storage/images/...}.
 */
public final class S3BinarydataStore implements BinarydataStore, ReadinessProbe, AutoCloseable {

    private final S3Client client;
    private final S3Settings settings;
    private final String prefix;
    private final String pathTemplate;
    private final PartUploads uploads;

    public S3BinarydataStore(S3Settings settings, String prefix, String pathTemplate) {
        this(settings, prefix, pathTemplate, PartUploads.forHeap(settings.bucket(), settings.partSize(), Runtime.getRuntime().maxMemory()));
    }

    /** With the parts in flight given rather than fitted to the heap: for comparisons (benchmarks/s3-upload.sh). */
    S3BinarydataStore(S3Settings settings, String prefix, String pathTemplate, PartUploads uploads) {
        this.settings = settings;
        this.client = S3Clients.create(settings);
        this.uploads = uploads;
        this.prefix = trimSlashes(prefix);
        this.pathTemplate = pathTemplate;
    }

    @Override
    public BinarydataHandler forSite(SiteLayout site) {
        String sitePath = trimSlashes(site.expand(pathTemplate));
        String keyPrefix = (prefix.isEmpty() ? "" : prefix + "/") + (sitePath.isEmpty() ? "" : sitePath + "/");
        return new S3BinarydataHandler(client, settings, uploads, keyPrefix);
    }

    /** Whether the bucket exists and the credentials reach it: one HEAD of the bucket, its retries within the timeout. */
    @Override
    public Map<String, String> probe(Duration timeout) {
        client.headBucket(HeadBucketRequest.builder().bucket(settings.bucket())
                .overrideConfiguration(request -> request.apiCallTimeout(timeout)).build());
        return Map.of("bucket", settings.bucket());
    }

    @Override
    public void close() {
        uploads.close();
        client.close();
    }

    private static String trimSlashes(String path) {
        return path.replaceAll("^/+", "").replaceAll("/+$", "");
    }
}
