package org.clusterio.migration;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

import org.clusterio.io.BinarydataHandler;

/** SHA-256 of stored content, read as a stream: never a whole file in memory. */
final class Checksums {

    private Checksums() {
    }

    static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] sha256(BinarydataHandler store, String name) {
        MessageDigest digest = newDigest();
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = store.open(name)) {
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                digest.update(buffer, 0, read);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return digest.digest();
    }

    static boolean same(BinarydataHandler one, BinarydataHandler other, String name) {
        return Arrays.equals(sha256(one, name), sha256(other, name));
    }
}
