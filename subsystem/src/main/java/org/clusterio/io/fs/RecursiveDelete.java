package org.clusterio.io.fs;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Deletes a directory tree depth first while walking it (never holding its paths), tolerating entries that another
 * node deletes at the same time.
 */
public final class RecursiveDelete extends SimpleFileVisitor<Path> {

    /** Deletes the tree below and including the directory, if it exists. */
    public static void deleteTree(Path directory) throws IOException {
        if (Files.exists(directory)) {
            Files.walkFileTree(directory, new RecursiveDelete());
        }
    }

    @Override
    public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
        Files.deleteIfExists(file);
        return FileVisitResult.CONTINUE;
    }

    @Override
    public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
        if (e instanceof NoSuchFileException) {
            return FileVisitResult.CONTINUE;
        }
        throw e;
    }

    @Override
    public FileVisitResult postVisitDirectory(Path directory, IOException e) throws IOException {
        if (e != null && !(e instanceof NoSuchFileException)) {
            throw e;
        }
        Files.deleteIfExists(directory);
        return FileVisitResult.CONTINUE;
    }
}
