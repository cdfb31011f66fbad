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
     * The most allocated before any byte arrived, whatever size is declared: the declared size comes from the client
     * (a request header), and a client that declares a whole part and sends nothing must not hold a part of heap.
     */
    static final int MAX_INITIAL_CAPACITY = 1024 * 1024;

    /**
     * @param expectedSize the declared size of the content, or negative when unknown: trusted only as far as
     *                     {@link #MAX_INITIAL_CAPACITY} up front; beyond, the buffer grows as bytes arrive, towards
     *                     that size and one byte more (to see the end) rather than past it
     */
    static FirstPart read(InputStream content, int partSize, long expectedSize) throws IOException {
        long declaredCapacity = expectedSize >= 0 && expectedSize < partSize ? expectedSize + 1 : -1;
        int capacity = (int) Math.min(partSize, declaredCapacity >= 0 ? Math.min(declaredCapacity, MAX_INITIAL_CAPACITY) : INITIAL_CAPACITY);
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
                buffer = Arrays.copyOf(buffer, grown(length, partSize, declaredCapacity));
            }
        }
    }

    /**
     * Doubling keeps the copies at most as large as the content itself; a declared size within reach ends the growth
     * there, so honest content of 1.5 MiB is not held in 2 MiB. Content longer than declared grows on past it.
     */
    private static int grown(int full, int partSize, long declaredCapacity) {
        long doubled = Math.min(partSize, 2L * full);
        return (int) (declaredCapacity > full && declaredCapacity < doubled ? declaredCapacity : doubled);
    }
}
