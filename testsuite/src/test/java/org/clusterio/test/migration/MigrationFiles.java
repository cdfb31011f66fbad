package org.clusterio.test.migration;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The files the migration tests move: nested directories, names with spaces and UTF-8, sizes from empty to a few
 * hundred kilobytes. Contents are derived from the id, so that they can be checked without being kept in memory.
 */
final class MigrationFiles {

    private static final String[] PATTERNS = { "images/1/2/3/%d/1234-1-eng-GB/photo %d.jpg", "images/_aliases/small/été/%d/ü %d.png",
            "original/application/%d/report %d.pdf", "images-versioned/5/%d/draft-%d.gif" };

    private MigrationFiles() {
    }

    static List<String> ids(int count) {
        List<String> ids = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ids.add(String.format(PATTERNS[i % PATTERNS.length], i % 17, i));
        }
        return ids;
    }

    static byte[] content(String id) {
        Random random = new Random(id.hashCode());
        int size = switch (Math.floorMod(id.hashCode(), 20)) {
            case 0 -> 0;
            case 1 -> 200_000 + random.nextInt(100_000);
            default -> random.nextInt(8_000);
        };
        byte[] content = new byte[size];
        random.nextBytes(content);
        return content;
    }

    /** Writes the files where a filesystem binarydata handler on {@code root} keeps the files of site "site". */
    static void write(Path root, List<String> ids) throws IOException {
        for (String id : ids) {
            Path file = root.resolve("var/site/storage").resolve(id);
            Files.createDirectories(file.getParent());
            Files.write(file, content(id));
        }
    }
}
