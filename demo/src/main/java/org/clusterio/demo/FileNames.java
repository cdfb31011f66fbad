package org.clusterio.demo;

/** Turns a browser-supplied file name into one safe segment of an id. */
final class FileNames {

    private FileNames() {
    }

    static String safe(String submitted) {
        String base = submitted.substring(Math.max(submitted.lastIndexOf('/'), submitted.lastIndexOf('\\')) + 1);
        String cleaned = base.replaceAll("[^A-Za-z0-9._-]", "_").replaceAll("^\\.+", "_");
        return cleaned.isEmpty() ? "upload" : cleaned;
    }
}
