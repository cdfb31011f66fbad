package org.clusterio.io.s3;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.clusterio.api.BinaryFileNotFoundException;
import org.clusterio.api.IOBackendException;
import org.clusterio.io.BinarydataHandler;
import org.clusterio.io.BinaryFileMetadata;
import org.clusterio.io.MimeTypes;
import org.clusterio.logging.ClusterIOLogger;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedMultipartUpload;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Stores one site's binaries as objects below a key prefix. S3 publishes an object whole or not at all, so a
 * create is atomic by itself. A content that fits in one part is one PUT, from a buffer that grows with the content
 * (a small content holds only its own size); anything larger, or of unknown length, is a multipart upload whose parts
 * are sent several at once within the budget {@link PartUploads} states ({@link ParallelParts}), and that is aborted
 * when anything fails, so that no partial object and no orphaned parts stay behind.
 *
 * <p>Longer than 250 lines because it implements the whole {@link BinarydataHandler} contract for one bucket; the
 * parts that stand alone already live beside it ({@link FirstPart}, {@link ParallelParts}, {@link OpenedObject}, {@link BatchDeleteErrors},
 * {@link S3Clients}).</p>
 */
final class S3BinarydataHandler implements BinarydataHandler {

    private final S3Client client;
    private final S3Settings settings;
    private final PartUploads uploads;
    private final String keyPrefix;
    private final MimeTypes mimeTypes = new MimeTypes();

    S3BinarydataHandler(S3Client client, S3Settings settings, PartUploads uploads, String keyPrefix) {
        this.client = client;
        this.settings = settings;
        this.uploads = uploads;
        this.keyPrefix = keyPrefix;
    }

    private String key(String name) {
        return keyPrefix + name;
    }

    @Override
    public long create(String name, InputStream content, long expectedSize) {
        String key = key(name);
        try {
            FirstPart first = FirstPart.read(content, settings.partSize(), expectedSize);
            if (first.length() < settings.partSize()) {
                checkSize(name, first.length(), expectedSize);
                call("store '" + name + "'", () -> client.putObject(put -> put.bucket(settings.bucket()).key(key).contentType(mimeTypes.fromName(name)),
                        body(first.buffer(), first.length())));
                return first.length();
            }
            return multipart(name, key, content, first.buffer(), expectedSize);
        } catch (IOException e) {
            throw ClusterIOLogger.S3_LOGGER.s3ContentUnreadable(name, settings.bucket(), e.getMessage(), e);
        }
    }

    private long multipart(String name, String key, InputStream content, byte[] part, long expectedSize) throws IOException {
        String uploadId = call("start the upload of '" + name + "'", () -> client.createMultipartUpload(
                create -> create.bucket(settings.bucket()).key(key).contentType(mimeTypes.fromName(name))).uploadId());
        try {
            ParallelParts.Sent sent = ParallelParts.send(content, part, uploads, (number, buffer, length) ->
                    call("upload part " + number + " of '" + name + "'", () -> client.uploadPart(
                            upload -> upload.bucket(settings.bucket()).key(key).uploadId(uploadId).partNumber(number), body(buffer, length)).eTag()));
            checkSize(name, sent.total(), expectedSize);
            call("complete the upload of '" + name + "'", () -> client.completeMultipartUpload(complete -> complete.bucket(settings.bucket()).key(key)
                    .uploadId(uploadId).multipartUpload(CompletedMultipartUpload.builder().parts(sent.parts()).build())));
            return sent.total();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            IOBackendException interrupted = ClusterIOLogger.S3_LOGGER.s3UploadInterrupted(name, settings.bucket());
            abort(name, key, uploadId, interrupted);
            throw interrupted;
        } catch (IOException | RuntimeException e) {
            abort(name, key, uploadId, e);
            throw e;
        }
    }

    /** Aborts a failed multipart upload, which deletes its parts; a failure to abort is added to the upload's. */
    private void abort(String name, String key, String uploadId, Exception failure) {
        ClusterIOLogger.S3_LOGGER.s3UploadAborting(settings.bucket(), uploadId, name, failure.getMessage());
        try {
            client.abortMultipartUpload(abort -> abort.bucket(settings.bucket()).key(key).uploadId(uploadId));
        } catch (SdkException abortFailure) {
            failure.addSuppressed(abortFailure);
        }
    }

    /**
     * The first {@code length} bytes of the part buffer as a request body, without copying them: each attempt (the
     * SDK retries) reads a fresh stream over the same buffer, which is refilled only after the request completed.
     */
    private static RequestBody body(byte[] part, int length) {
        return RequestBody.fromContentProvider(() -> new java.io.ByteArrayInputStream(part, 0, length), length, "application/octet-stream");
    }

    private void checkSize(String name, long actual, long expected) {
        if (expected >= 0 && actual != expected) {
            throw ClusterIOLogger.S3_LOGGER.s3SizeMismatch(name, settings.bucket(), actual, expected);
        }
    }

    @Override
    public InputStream open(String name) {
        return call("read '" + name + "'", () -> client.getObject(get -> get.bucket(settings.bucket()).key(key(name))), name);
    }

    @Override
    public InputStream open(String name, long offset, long length) {
        if (length == 0) {
            return InputStream.nullInputStream();
        }
        // Validated here: the SDK would silently send the whole object for a malformed Range.
        String range = "bytes=" + offset + "-" + (offset + length - 1 < 0 ? Long.MAX_VALUE : offset + length - 1);
        try {
            return call("read '" + name + "'", () -> client.getObject(get -> get.bucket(settings.bucket()).key(key(name)).range(range)), name);
        } catch (IOBackendException e) {
            if (e.getCause() instanceof S3Exception s3 && s3.statusCode() == 416) {
                return InputStream.nullInputStream(); // the range starts after the end: nothing to read
            }
            throw e;
        }
    }

    @Override
    public OpenedObject openForServing(String name) {
        HeadObjectResponse head = call("look up '" + name + "'", () -> client.headObject(request -> request.bucket(settings.bucket()).key(key(name))), name);
        return new OpenedObject(head.contentLength(), head.lastModified(), head.eTag(), (offset, length) -> readVersion(name, head.eTag(), offset, length, head.contentLength()));
    }

    /** Reads bytes of the object only while it is still the version with this tag (If-Match); S3 answers 412 otherwise. */
    private InputStream readVersion(String name, String eTag, long offset, long length, long size) {
        if (length == 0) {
            return InputStream.nullInputStream();
        }
        boolean whole = offset == 0 && length >= size;
        String range = "bytes=" + offset + "-" + (offset + length - 1);
        return call("read '" + name + "'", () -> client.getObject(get -> {
            get.bucket(settings.bucket()).key(key(name)).ifMatch(eTag);
            if (!whole) {
                get.range(range);
            }
        }), name);
    }

    @Override
    public Optional<BinaryFileMetadata> stat(String name) {
        try {
            HeadObjectResponse head = client.headObject(request -> request.bucket(settings.bucket()).key(key(name)));
            return Optional.of(new BinaryFileMetadata(name, head.contentLength(), head.lastModified(), mimeTypes.fromName(name)));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw failure("look up '" + name + "'", e);
        } catch (SdkException e) {
            throw failure("look up '" + name + "'", e);
        }
    }

    @Override
    public void delete(String name) {
        // S3 deletes are idempotent: a missing key is not an error, so no lookup is needed first.
        call("delete '" + name + "'", () -> client.deleteObject(delete -> delete.bucket(settings.bucket()).key(key(name))));
    }

    /**
     * {@inheritDoc}
     *
     * <p>Deletes in batches of 1000 keys. A batch that S3 accepts as a request can still refuse single keys (access
     * denied, an object lock): every batch is sent, and then the keys refused are reported, logged and thrown as one
     * {@link IOBackendException} that names them and S3's error codes.</p>
     */
    @Override
    public void deleteDirectory(String prefix) {
        String directory = key(prefix) + "/";
        List<ObjectIdentifier> batch = new ArrayList<>();
        BatchDeleteErrors refused = new BatchDeleteErrors();
        call("delete below '" + prefix + "'", () -> {
            for (S3Object object : client.listObjectsV2Paginator(list -> list.bucket(settings.bucket()).prefix(directory)).contents()) {
                batch.add(ObjectIdentifier.builder().key(object.key()).build());
                if (batch.size() == 1000) { // the most one DeleteObjects request takes
                    deleteBatch(batch, refused);
                }
            }
            if (!batch.isEmpty()) {
                deleteBatch(batch, refused);
            }
            return null;
        });
        refused.throwIfAny(prefix, settings.bucket());
    }

    private void deleteBatch(List<ObjectIdentifier> batch, BatchDeleteErrors refused) {
        // quiet: the response lists only the keys that failed, which is all this needs to read
        refused.add(client.deleteObjects(delete -> delete.bucket(settings.bucket()).delete(Delete.builder().objects(List.copyOf(batch)).quiet(true).build())));
        batch.clear();
    }

    @Override
    public Stream<BinaryFileMetadata> list(String prefix) {
        String directory = prefix.isEmpty() ? keyPrefix : key(prefix) + "/";
        // The paginator fetches a page of keys at a time as the stream is consumed; a page that fails is an
        // IOBackendException like any other request.
        String what = "list '" + prefix + "'";
        java.util.Iterator<S3Object> guarded = new java.util.Iterator<>() {
            private java.util.Iterator<S3Object> objects; // created on first use: creating it sends the first request

            @Override
            public boolean hasNext() {
                return call(what, () -> objects().hasNext());
            }

            @Override
            public S3Object next() {
                return call(what, () -> objects().next());
            }

            private java.util.Iterator<S3Object> objects() {
                if (objects == null) {
                    objects = client.listObjectsV2Paginator(list -> list.bucket(settings.bucket()).prefix(directory)).contents().iterator();
                }
                return objects;
            }
        };
        return java.util.stream.StreamSupport.stream(java.util.Spliterators.spliteratorUnknownSize(guarded, java.util.Spliterator.ORDERED), false)
                .map(object -> new BinaryFileMetadata(object.key().substring(keyPrefix.length()), object.size(), object.lastModified(),
                        mimeTypes.fromName(object.key())));
    }

    /**
     * {@inheritDoc}
     *
     * <p>Multipart uploads started below the site's prefix and neither completed nor aborted (a writer killed
     * mid-upload): S3 keeps, and bills, their parts until they are aborted. Named by their key below the prefix, with
     * the time they were started and size 0 (their parts are not listed).</p>
     */
    @Override
    public Stream<BinaryFileMetadata> listTemporaryLeftovers() {
        return call("list the unfinished uploads", () -> client.listMultipartUploadsPaginator(list -> list.bucket(settings.bucket()).prefix(keyPrefix))
                .uploads().stream()
                .map(upload -> new BinaryFileMetadata(upload.key().substring(keyPrefix.length()), 0, upload.initiated(), MimeTypes.UNKNOWN)));
    }

    /**
     * {@inheritDoc}
     *
     * <p>What S3 keeps is the ETag: for an object uploaded in one PUT without SSE-KMS, the MD5 of its bytes, which
     * this compares with the MD5 of the bytes read now. The ETag of a multipart upload (it has a {@code -<parts>}
     * suffix) is no checksum of the bytes: such objects are not verifiable.</p>
     */
    @Override
    public Optional<Boolean> matchesStoredChecksum(String name) {
        HeadObjectResponse head = call("look up '" + name + "'", () -> client.headObject(request -> request.bucket(settings.bucket()).key(key(name))), name);
        String eTag = head.eTag() == null ? "" : head.eTag().replace("\"", "");
        if (!eTag.matches("[0-9a-fA-F]{32}")) {
            return Optional.empty();
        }
        java.security.MessageDigest md5;
        try {
            md5 = java.security.MessageDigest.getInstance("MD5");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has MD5", e);
        }
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = readVersion(name, head.eTag(), 0, Math.max(1, head.contentLength()), head.contentLength())) {
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                md5.update(buffer, 0, read);
            }
        } catch (IOException e) {
            throw ClusterIOLogger.S3_LOGGER.s3ContentUnreadable(name, settings.bucket(), e.getMessage(), e);
        }
        return Optional.of(java.util.HexFormat.of().formatHex(md5.digest()).equalsIgnoreCase(eTag));
    }

    private <T> T call(String what, Supplier<T> request) {
        return call(what, request, null);
    }

    /** Runs a request; a missing key (when a name is given) is BinaryFileNotFoundException, any other failure IOBackendException. */
    private <T> T call(String what, Supplier<T> request, String name) {
        try {
            return request.get();
        } catch (NoSuchKeyException e) {
            if (name != null) {
                throw new BinaryFileNotFoundException(name);
            }
            throw failure(what, e);
        } catch (S3Exception e) {
            if (name != null && e.statusCode() == 404 && !"NoSuchBucket".equals(e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode())) {
                throw new BinaryFileNotFoundException(name);
            }
            throw failure(what, e);
        } catch (SdkException e) {
            throw failure(what, e);
        }
    }

    private IOBackendException failure(String what, SdkException e) {
        String cause = e instanceof S3Exception s3 && s3.awsErrorDetails() != null
                ? s3.awsErrorDetails().errorCode() + " (HTTP " + s3.statusCode() + "): " + s3.awsErrorDetails().errorMessage()
                : e.getClass().getSimpleName() + ": " + e.getMessage();
        if (e instanceof S3Exception s3) {
            ClusterIOLogger.S3_LOGGER.s3RequestFailedIds(settings.bucket(), what, s3.statusCode(), s3.requestId(), s3.extendedRequestId(), e);
        }
        return ClusterIOLogger.S3_LOGGER.s3RequestFailed(what, settings.bucket(), cause, e);
    }
}
