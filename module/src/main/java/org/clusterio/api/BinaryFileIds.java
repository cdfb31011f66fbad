package org.clusterio.api;

/**
 * The rules every binary file id obeys. Ids come from users and URLs, so they are validated before any storage
 * is touched: a valid id can never name anything outside the storage root.
 */
public final class BinaryFileIds {

    /** The longest id accepted, in characters; the shared metadata table stores names of at most 4096 bytes. */
    public static final int MAX_LENGTH = 1024;

    /**
     * No segment of an id starts with this: storage backends name their temporary files with it (the filesystem
     * handler writes {@code .clusterio-*.tmp} next to the target and removes old ones), so an id using it could be
     * taken for a leftover, hidden from listings, or removed by the sweep.
     */
    public static final String RESERVED_PREFIX = ".clusterio-";

    private BinaryFileIds() {
    }

    /**
     * @return the id itself when it is valid
     * @throws InvalidBinaryFileIdException naming the first rule the id breaks
     */
    public static String validate(String id) {
        if (id == null || id.isEmpty()) {
            throw new InvalidBinaryFileIdException("A binary file id must not be empty");
        }
        if (id.length() > MAX_LENGTH) {
            throw new InvalidBinaryFileIdException("A binary file id must not be longer than " + MAX_LENGTH + " characters, this one has " + id.length());
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                throw new InvalidBinaryFileIdException("A binary file id must not contain control characters (found U+" + String.format("%04X", (int) c) + " at index " + i + ")");
            }
            if (c == '\\') {
                throw new InvalidBinaryFileIdException("A binary file id must not contain backslashes: '" + id + "'");
            }
            if (Character.isSurrogate(c) && !isPairedSurrogate(id, i)) {
                throw new InvalidBinaryFileIdException("A binary file id must be valid UTF-16 text (lone surrogate at index " + i + ")");
            }
        }
        if (id.charAt(0) == '/') {
            throw new InvalidBinaryFileIdException("A binary file id must be relative, not absolute: '" + id + "'");
        }
        for (String segment : id.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw new InvalidBinaryFileIdException("A binary file id must not contain empty, '.' or '..' segments: '" + id + "'");
            }
            if (segment.startsWith(RESERVED_PREFIX)) {
                throw new InvalidBinaryFileIdException("A binary file id must not contain a segment starting with '" + RESERVED_PREFIX
                        + "', which names the temporary files of unfinished writes: '" + id + "'. Rename the file.");
            }
        }
        return id;
    }

    private static boolean isPairedSurrogate(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }
}
