package org.clusterio.io.s3;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * The first part of an upload, read into a buffer that grows with what the content holds, up to the part size: a
 * 1 KiB file allocates about 1 KiB, not a whole part (8 MiB by default, up to 512 MiB), so many small uploads at once
 * do not exhaust the heap. When the buffer reaches the part size, it is the multipart upload's part buffer.
 *
 * @param buffer the bytes read, {@code length} of them; exactly the part size long when the content filled a part
 * @param length how many bytes were read; less than the part size when the content ended within the first part
 */
record FirstPart(byte[] buffer, int length) {

    /** Where a buffer of unknown content starts: large enough for most small files, small next to any part size. */
    static final int INITIAL_CAPACITY = 16 * 1024;

    /**
     * @param expectedSize the declared size of the content, or negative when unknown: a buffer that holds it and one
     *                     byte more (to see the end) is allocated at once
     */
    static FirstPart read(InputStream content, int partSize, long expectedSize) throws IOException {
        int capacity = expectedSize >= 0 && expectedSize < partSize ? (int) expectedSize + 1 : Math.min(INITIAL_CAPACITY, partSize);
        byte[] buffer = new byte[capacity];
        int length = 0;
        while (true) {
            int read = content.read(buffer, length, buffer.length - length);
            if (read < 0) {
                return new FirstPart(buffer, length);
            }
            length += read;
            if (length == buffer.length) {
                if (length == partSize) {
                    return new FirstPart(buffer, length);
                }
                // doubling keeps the copies at most as large as the content itself
                buffer = Arrays.copyOf(buffer, (int) Math.min(partSize, 2L * buffer.length));
            }
        }
    }
}
