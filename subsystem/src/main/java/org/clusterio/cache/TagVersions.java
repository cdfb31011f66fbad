package org.clusterio.cache;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/** The versions that tags and tombstones carry: random, so that no two invalidations anywhere in the cluster share one. */
final class TagVersions {

    static final int VERSION_LENGTH = 16;

    private TagVersions() {
    }

    static String newVersion() {
        return HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
    }
}
