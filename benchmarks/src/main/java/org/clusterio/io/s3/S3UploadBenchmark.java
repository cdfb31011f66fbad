package org.clusterio.io.s3;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import org.clusterio.io.BinarydataHandler;
import org.clusterio.io.SiteLayout;
import org.clusterio.testing.GeneratedContent;
import org.clusterio.testing.S3ProxyProcess;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A one-shot run (started by benchmarks/s3-upload.sh): S3Proxy started as the subsystem's tests start it
 * ({@link S3ProxyProcess}, the jar named by {@code -Ds3proxy.jar}, storing in a temporary directory), the same bytes (generated on the fly,
 * never held whole) uploaded to the same S3 server through the S3 binarydata handler (a multipart upload, its parts
 * sent {@link PartUploads#CONCURRENT_PARTS} at once) and as one single-stream PutObject of the known length, from a
 * client built by the same {@link S3Clients} with the same settings. The two alternate, {@code rounds} times each,
 * and each object is deleted after its upload. Prints MB/s of each upload and the ratio of the means.
 *
 * <pre>java -Xmx256m -Ds3proxy.jar=... -cp benchmarks/target/benchmarks.jar org.clusterio.io.s3.S3UploadBenchmark [MiB [part MiB [rounds]]]</pre>
 */
public final class S3UploadBenchmark {

    private S3UploadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long size = (args.length > 0 ? Long.parseLong(args[0]) : 1024) * 1024 * 1024;
        int partSize = (args.length > 1 ? Integer.parseInt(args[1]) : 8) * 1024 * 1024;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        String bucket = "bench";
        Path work = Files.createTempDirectory("s3-upload-benchmark");
        try (S3ProxyProcess server = S3ProxyProcess.start(work)) {
            S3Settings settings = new S3Settings(bucket, "us-east-1", Optional.of(server.endpoint()), true,
                    Optional.of(new S3Settings.StaticKeys(S3ProxyProcess.ACCESS_KEY, S3ProxyProcess.SECRET_KEY)),
                    partSize, Duration.ofSeconds(5), Duration.ofMinutes(5), 3, true);
            run(settings, size, rounds);
        } finally {
            try (var paths = Files.walk(work)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    private static void run(S3Settings settings, long size, int rounds) {
        String bucket = settings.bucket();
        int partSize = settings.partSize();
        SiteLayout site = new SiteLayout("site", "var/site", "storage");
        try (S3Client client = S3Clients.create(settings); S3BinarydataStore parallelStore = new S3BinarydataStore(settings, "bench", "");
                S3BinarydataStore sequentialStore = new S3BinarydataStore(settings, "bench", "", PartUploads.oneAtATime(partSize))) {
            client.createBucket(create -> create.bucket(bucket));
            BinarydataHandler parallel = parallelStore.forSite(site);
            BinarydataHandler sequential = sequentialStore.forSite(site);
            PartUploads uploads = PartUploads.forHeap(bucket, partSize, Runtime.getRuntime().maxMemory());
            System.out.printf("%d MiB, part size %d MiB, %d parts in flight (heap budget %d MiB of a maximum heap of %d MiB), %d rounds%n",
                    size >> 20, partSize >> 20, uploads.partsInFlight(), uploads.budget() >> 20, Runtime.getRuntime().maxMemory() >> 20, rounds);
            uploads.close();
            // one small upload each way first: class loading and the first connections do not count
            parallel.create("warm-up.bin", new GeneratedContent(3L * partSize), -1);
            sequential.create("warm-up.bin", new GeneratedContent(3L * partSize), -1);
            client.putObject(put -> put.bucket(bucket).key("warm-up-put.bin"),
                    RequestBody.fromContentProvider(() -> new GeneratedContent(1024 * 1024), 1024 * 1024, "application/octet-stream"));
            double[] sums = new double[4];
            for (int round = 1; round <= rounds; round++) {
                long start = System.nanoTime();
                client.putObject(put -> put.bucket(bucket).key("single.bin"),
                        RequestBody.fromContentProvider(() -> new GeneratedContent(size), size, "application/octet-stream"));
                double single = rate(size, start);
                client.deleteObject(delete -> delete.bucket(bucket).key("single.bin"));
                double parallelRate = upload(parallel, size);
                double sequentialRate = upload(sequential, size);
                // where a multipart upload's time goes on this server: the parts, and the completion (S3Proxy's
                // file system store then copies the parts into the object)
                double completeSeconds = completion(client, bucket, size, partSize);
                System.out.printf("round %d: single-stream PutObject %.1f MB/s; handler, %d parts in flight %.1f MB/s (%.2f of PutObject); "
                        + "handler, one part at a time %.1f MB/s (%.2f); CompleteMultipartUpload of 1 GiB alone %.1f s%n",
                        round, single, PartUploads.partsInFlight(partSize, Runtime.getRuntime().maxMemory()), parallelRate, parallelRate / single,
                        sequentialRate, sequentialRate / single, completeSeconds);
                sums[0] += single;
                sums[1] += parallelRate;
                sums[2] += sequentialRate;
                sums[3] += completeSeconds;
            }
            System.out.printf("mean: single-stream PutObject %.1f MB/s; handler, parallel parts %.1f MB/s; handler, one part at a time %.1f MB/s; "
                    + "ratio parallel / PutObject %.2f, one at a time / PutObject %.2f, parallel / one at a time %.2f; CompleteMultipartUpload %.1f s%n",
                    sums[0] / rounds, sums[1] / rounds, sums[2] / rounds, sums[1] / sums[0], sums[2] / sums[0], sums[1] / sums[2], sums[3] / rounds);
        }
    }

    private static double upload(BinarydataHandler handler, long size) {
        long start = System.nanoTime();
        long stored = handler.create("multipart.bin", new GeneratedContent(size), -1);
        double rate = rate(size, start);
        if (stored != size) {
            throw new IllegalStateException("stored " + stored + " bytes of " + size);
        }
        handler.delete("multipart.bin");
        return rate;
    }

    /** The seconds CompleteMultipartUpload takes for an upload of this size, its parts sent one at a time beforehand. */
    private static double completion(S3Client client, String bucket, long size, int partSize) {
        String key = "completion.bin";
        String uploadId = client.createMultipartUpload(create -> create.bucket(bucket).key(key)).uploadId();
        java.util.List<software.amazon.awssdk.services.s3.model.CompletedPart> parts = new java.util.ArrayList<>();
        byte[] part = new byte[partSize];
        try (GeneratedContent content = new GeneratedContent(size)) {
            for (int length; (length = content.readNBytes(part, 0, partSize)) > 0; ) {
                int number = parts.size() + 1;
                String eTag = client.uploadPart(upload -> upload.bucket(bucket).key(key).uploadId(uploadId).partNumber(number),
                        RequestBody.fromBytes(length == partSize ? part : java.util.Arrays.copyOf(part, length))).eTag();
                parts.add(software.amazon.awssdk.services.s3.model.CompletedPart.builder().partNumber(number).eTag(eTag).build());
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        long start = System.nanoTime();
        client.completeMultipartUpload(complete -> complete.bucket(bucket).key(key).uploadId(uploadId)
                .multipartUpload(software.amazon.awssdk.services.s3.model.CompletedMultipartUpload.builder().parts(parts).build()));
        double seconds = (System.nanoTime() - start) / 1e9;
        client.deleteObject(delete -> delete.bucket(bucket).key(key));
        return seconds;
    }

    private static double rate(long bytes, long start) {
        return bytes / 1e6 / ((System.nanoTime() - start) / 1e9);
    }
}
