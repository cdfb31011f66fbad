package org.clusterio.testing;

import java.io.InputStream;
import java.security.MessageDigest;
import java.util.Random;

/**
 * Pseudo-random, incompressible bytes made on the fly, optionally hashed as they are read: the content never exists
 * in memory, so a gibibyte of it can go through a small heap. The same size gives the same bytes. Shared by the S3
 * tests and the S3 upload benchmark.
 */
public class GeneratedContent extends InputStream {

    private final byte[] block = new byte[64 * 1024];
    private final MessageDigest digest;
    private long remaining;
    private long position;

    /** @param digest what hashes the bytes as they are read, or {@code null} */
    public GeneratedContent(long size, MessageDigest digest) {
        new Random(size).nextBytes(block);
        this.remaining = size;
        this.digest = digest;
    }

    public GeneratedContent(long size) {
        this(size, null);
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    /** The bytes depend on their position only, not on how many a caller asks for at a time. */
    @Override
    public int read(byte[] buffer, int offset, int length) {
        if (remaining <= 0) {
            return -1;
        }
        if (length == 0) {
            return 0;
        }
        int start = (int) (position % block.length);
        int count = (int) Math.min(Math.min(length, block.length - start), remaining);
        System.arraycopy(block, start, buffer, offset, count);
        if (digest != null) {
            digest.update(buffer, offset, count);
        }
        position += count;
        remaining -= count;
        if (position % block.length == 0) {
            block[(int) ((position / block.length) % block.length)]++; // no two blocks alike
        }
        return count;
    }
}
