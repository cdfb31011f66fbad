package org.clusterio.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What {@link IOService#create} needs to store a file: its id, its content (a stream the caller owns, or a local
 * file the service opens and closes), and optionally its size and MIME type. When the size is given, content that
 * ends early or runs longer makes the create fail and store nothing. The stored MIME type follows the
 * {@link ServingPolicy}: the type the id's extension stands for wins; a declared type, or else the type that at most
 * the first 8 KiB of the content show, only fills in an id whose extension says nothing, and never with an active type
 * (HTML, XML, SVG, JavaScript, PDF: those are {@code application/octet-stream} unless the id's extension names them).
 * Not thread-safe: build one per create.
 */
public final class BinaryFileCreateStruct {

    private final String id;
    private final InputStream stream;
    private final Path file;
    private long size = -1;
    private String mimeType;

    private BinaryFileCreateStruct(String id, InputStream stream, Path file) {
        this.id = Objects.requireNonNull(id, "id");
        this.stream = stream;
        this.file = file;
    }

    /** A struct for the given id whose content is read from a stream that the caller opens and closes. */
    public static BinaryFileCreateStruct of(String id, InputStream content) {
        return new BinaryFileCreateStruct(id, Objects.requireNonNull(content, "content"), null);
    }

    /**
     * A struct for the given id whose content is a local file, such as an upload spooled to disk; its size is
     * declared from the file.
     *
     * @throws IllegalArgumentException if the path is not a readable regular file
     */
    public static BinaryFileCreateStruct ofFile(String id, Path localFile) {
        Objects.requireNonNull(localFile, "localFile");
        if (!Files.isRegularFile(localFile) || !Files.isReadable(localFile)) {
            throw new IllegalArgumentException("'" + localFile + "' is not a readable regular file");
        }
        BinaryFileCreateStruct struct = new BinaryFileCreateStruct(id, null, localFile);
        try {
            struct.size = Files.size(localFile);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the size of " + localFile, e);
        }
        return struct;
    }

    /** Declares the exact size in bytes of the content. */
    public BinaryFileCreateStruct withSize(long size) {
        if (size < 0) {
            throw new IllegalArgumentException("size must not be negative: " + size);
        }
        this.size = size;
        return this;
    }

    /**
     * Declares the content's MIME type, such as {@code image/png}, for an id whose extension names no type (an upload's
     * declared type is the client's claim, so it never overrides the extension and is never an active type).
     */
    public BinaryFileCreateStruct withMimeType(String mimeType) {
        this.mimeType = Objects.requireNonNull(mimeType, "mimeType");
        return this;
    }

    public String id() {
        return id;
    }

    /** @return the caller's stream, when the content is a stream */
    public Optional<InputStream> stream() {
        return Optional.ofNullable(stream);
    }

    /** @return the local file, when the content is a file */
    public Optional<Path> file() {
        return Optional.ofNullable(file);
    }

    public OptionalLong size() {
        return size < 0 ? OptionalLong.empty() : OptionalLong.of(size);
    }

    public Optional<String> mimeType() {
        return Optional.ofNullable(mimeType);
    }
}
