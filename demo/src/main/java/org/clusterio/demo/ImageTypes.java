package org.clusterio.demo;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Optional;

/**
 * Tells a raster image by its first bytes (its magic number), whatever the browser declared: the gallery stores only
 * what a browser can show in an {@code <img>}, under the extension of the type its content really has, so that the
 * storage filter serves it under that type.
 */
final class ImageTypes {

    static final int HEAD_LENGTH = 12;

    private static final byte[] PNG = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
    private static final byte[] JPEG = { (byte) 0xff, (byte) 0xd8, (byte) 0xff };
    private static final byte[] GIF87A = { 'G', 'I', 'F', '8', '7', 'a' };
    private static final byte[] GIF89A = { 'G', 'I', 'F', '8', '9', 'a' };
    private static final byte[] RIFF = { 'R', 'I', 'F', 'F' };
    private static final byte[] WEBP = { 'W', 'E', 'B', 'P' };

    private ImageTypes() {
    }

    /** @return the extension of the image type that the content starts with ({@code png}, {@code jpg}, {@code gif}, {@code webp}), if any */
    static Optional<String> extensionOf(InputStream content) throws IOException {
        byte[] head = content.readNBytes(HEAD_LENGTH);
        if (startsWith(head, PNG, 0)) {
            return Optional.of("png");
        }
        if (startsWith(head, JPEG, 0)) {
            return Optional.of("jpg");
        }
        if (startsWith(head, GIF87A, 0) || startsWith(head, GIF89A, 0)) {
            return Optional.of("gif");
        }
        if (startsWith(head, RIFF, 0) && startsWith(head, WEBP, 8)) {
            return Optional.of("webp");
        }
        return Optional.empty();
    }

    private static boolean startsWith(byte[] head, byte[] magic, int offset) {
        return head.length >= offset + magic.length && Arrays.equals(head, offset, offset + magic.length, magic, 0, magic.length);
    }
}
