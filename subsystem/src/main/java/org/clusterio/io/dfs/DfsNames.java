package org.clusterio.io.dfs;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * How Ibexa DXP names a file in the DFS table: {@code name} is the path below the NFS root
 * ({@code <var-dir>/<storage-dir>/<id>}), {@code name_hash} the lowercase hex MD5 of the name's UTF-8 bytes (no
 * normalisation), and {@code scope} follows the first segment of the id.
 */
final class DfsNames {

    static final String IMAGE_SCOPE = "image";
    static final String BINARYFILE_SCOPE = "binaryfile";
    static final String UNKNOWN_SCOPE = "UNKNOWN_SCOPE";

    private DfsNames() {
    }

    static String hash(String name) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(name.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has MD5", e);
        }
    }

    /** {@code images/...} is an image, {@code original/...} a binary file; everything else, even images-versioned, is unknown. */
    static String scope(String id) {
        int slash = id.indexOf('/');
        String first = slash < 0 ? id : id.substring(0, slash);
        return switch (first) {
            case "images" -> IMAGE_SCOPE;
            case "original" -> BINARYFILE_SCOPE;
            default -> UNKNOWN_SCOPE;
        };
    }

    /** The escape character of LIKE patterns: not the backslash, which MySQL also reads as a string escape. */
    static final char LIKE_ESCAPE = '!';

    /** A LIKE pattern matching every name below the directory, with the LIKE wildcards in the prefix escaped. */
    static String belowDirectory(String directoryName) {
        StringBuilder pattern = new StringBuilder(directoryName.length() + 8);
        for (char c : directoryName.toCharArray()) {
            if (c == '%' || c == '_' || c == LIKE_ESCAPE) {
                pattern.append(LIKE_ESCAPE);
            }
            pattern.append(c);
        }
        return pattern.append("/%").toString();
    }
}
