package org.clusterio.demo;

import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.clusterio.api.BinaryFile;
import org.clusterio.api.IOService;

/**
 * One page of the stored images. {@link IOService#list} streams the storage lazily, so a page skips to its place and
 * takes one file more than it shows (to know whether a next page exists); the rest of the list is never read.
 * The list has no defined order, so a page sorts what it shows, newest first by the time in the id.
 */
record GalleryListing(List<BinaryFile> files, int page, int pageSize, boolean hasNext) {

    static final int DEFAULT_PAGE_SIZE = 8;
    static final int MAX_PAGE_SIZE = 48;

    static GalleryListing read(IOService io, int page, int pageSize) {
        try (Stream<BinaryFile> all = io.list(FileNames.DIRECTORY)) {
            List<BinaryFile> window = all.skip((long) page * pageSize).limit(pageSize + 1L).toList();
            List<BinaryFile> shown = window.stream().limit(pageSize).sorted(Comparator.comparing(BinaryFile::id).reversed()).toList();
            return new GalleryListing(shown, page, pageSize, window.size() > pageSize);
        }
    }

    boolean hasPrevious() {
        return page > 0;
    }

    /** @return a query parameter's value as a number within the bounds, or the fallback when it is missing or not a number */
    static int bounded(String parameter, int fallback, int min, int max) {
        if (parameter == null) {
            return fallback;
        }
        try {
            return Math.max(min, Math.min(max, Integer.parseInt(parameter)));
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
