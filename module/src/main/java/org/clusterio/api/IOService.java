package org.clusterio.api;

import java.io.InputStream;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Stores and reads the binary files (images, uploads) of a site in the cluster storage, from any node.
 *
 * <p><b>Ids.</b> An id is a relative path such as {@code images/1/2/3/4/1234-1-eng-GB/x.jpg} or
 * {@code original/application/a.pdf}. Every id is untrusted input: one that is empty, absolute, contains {@code .},
 * {@code ..} or empty segments, backslashes or control characters, is not valid UTF-16, or is longer than
 * {@link BinaryFileIds#MAX_LENGTH} characters, is rejected with {@link InvalidBinaryFileIdException} before any
 * storage is touched. A valid id never names anything outside the site's storage.</p>
 *
 * <p><b>Atomicity.</b> {@link #create} is atomic: readers on any node see the previous complete file or the new
 * complete file, never a partial one; when two writers store the same id at once, the last complete write wins.
 * The file's metadata is recorded only after its bytes are stored completely; a failed create leaves neither a
 * partial binary nor metadata. {@link #delete} removes the metadata first, so that no reader is sent to a binary that
 * is going away.</p>
 *
 * <p><b>Missing files.</b> {@link #load} and {@link #open} throw {@link BinaryFileNotFoundException};
 * {@link #find}, {@link #exists} and {@link #delete} treat a missing file as a normal answer.</p>
 *
 * <p><b>Failures.</b> When the storage behind the service fails or cannot be reached, methods throw
 * {@link IOBackendException}; nothing is then changed that was not changed completely.</p>
 *
 * <p>Implementations are thread-safe.</p>
 */
public interface IOService {

    /** @return the name of the site whose files this service stores */
    String siteName();

    /** @return the metadata handler and binarydata handler of the site, as the management model names them */
    SiteHandlers handlers();

    /**
     * Stores the struct's bytes under its id, replacing any file stored under that id. A stream given by the caller
     * is read to its end but not closed; a file given by path is opened and closed by the service.
     *
     * @return the stored file, as a subsequent {@link #load} returns it
     * @throws InvalidBinaryFileIdException if the id is not valid
     * @throws IOBackendException if the storage fails, or the content does not have the declared size
     */
    BinaryFile create(BinaryFileCreateStruct struct);

    /**
     * @throws BinaryFileNotFoundException if no file is stored under this id
     */
    BinaryFile load(String id);

    /** @return the file stored under this id, or empty if there is none */
    Optional<BinaryFile> find(String id);

    /**
     * Loads a file by the URI this service hands out for it ({@link BinaryFile#uri()}): the site's url-prefix is
     * removed and the rest, percent-decoded, is the id.
     *
     * @throws InvalidBinaryFileIdException if the URI does not start with the site's url-prefix
     * @throws BinaryFileNotFoundException if no file is stored under the id
     */
    BinaryFile loadByUri(String uri);

    /**
     * Opens the file's content for reading. The caller closes the stream.
     *
     * @throws BinaryFileNotFoundException if the file was deleted since it was loaded
     */
    InputStream open(BinaryFile file);

    /**
     * Opens {@code length} bytes of the file's content starting at {@code offset}; the stream ends early when the
     * file is shorter. The caller closes the stream.
     *
     * @throws IllegalArgumentException if offset or length is negative
     * @throws BinaryFileNotFoundException if the file was deleted since it was loaded
     */
    InputStream open(BinaryFile file, long offset, long length);

    /** @return whether a file is stored under this id */
    boolean exists(String id);

    /**
     * @return the MIME type of the file stored under this id
     * @throws BinaryFileNotFoundException if no file is stored under this id
     */
    String mimeType(String id);

    /** Deletes the file. Deleting a file that no longer exists is not an error: the end state is the same. */
    void delete(BinaryFile file);

    /**
     * Deletes every file whose id starts with {@code path + "/"}, such as all variations below
     * {@code images/_aliases/small}. A path that names no directory is not an error.
     */
    void deleteDirectory(String path);

    /**
     * @return the name under which the storage keeps the file, relative to its root: the site's
     *         {@code <var-dir>/<storage-dir>/} followed by the id, as the shared metadata table and NFS tree name it
     */
    String internalPath(String id);

    /**
     * The inverse of {@link #internalPath}.
     *
     * @throws InvalidBinaryFileIdException if the path is not inside this site's storage directory
     */
    String externalPath(String internalPath);

    /**
     * Lists the files whose id starts with {@code prefix + "/"} (every file of the site for an empty prefix), lazily:
     * the storage is read as the stream is consumed, and never held in memory as a whole. The order is unspecified.
     * Close the stream (try-with-resources) to release what it holds open.
     */
    Stream<BinaryFile> list(String prefix);
}
