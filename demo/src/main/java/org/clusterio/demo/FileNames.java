package org.clusterio.demo;

import java.security.SecureRandom;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ids under which the gallery stores uploads: {@code images/demo/<time>-<random>-<name>.<ext>}, where the name is
 * the browser's file name reduced to safe characters, and the extension the one of the type the content really has.
 * The storage filter serves every id below {@code images/}, and the time first makes ids sort by upload.
 */
final class FileNames {

    static final String DIRECTORY = "images/demo";

    private static final int MAX_NAME_LENGTH = 40;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern GENERATED = Pattern.compile("\\d{8}-\\d{6}-[0-9a-f]{6}-(.+)");

    private FileNames() {
    }

    /**
     * @return why the browser's file name is refused, if it is: a path, a dot segment or a control character is
     *         never what a browser sends for a file the user picked, only what a hand-made request does
     */
    static Optional<String> problemWith(String submitted) {
        if (submitted.contains("/") || submitted.contains("\\") || submitted.equals(".") || submitted.equals("..")) {
            return Optional.of("it names a path, not a file");
        }
        if (submitted.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            return Optional.of("it holds control characters");
        }
        return Optional.empty();
    }

    /** @return a new id for an upload of that file name whose content is of the type with that extension */
    static String newId(String submitted, String extension) {
        byte[] random = new byte[3];
        RANDOM.nextBytes(random);
        return DIRECTORY + "/" + TIME.format(ZonedDateTime.now(ZoneOffset.UTC)) + "-" + HexFormat.of().formatHex(random) + "-" + safeBase(submitted) + "." + extension;
    }

    /** @return the name the gallery shows for a stored id: its last segment without the time and random parts */
    static String displayName(String id) {
        String last = id.substring(id.lastIndexOf('/') + 1);
        Matcher generated = GENERATED.matcher(last);
        return generated.matches() ? generated.group(1) : last;
    }

    private static String safeBase(String submitted) {
        int dot = submitted.lastIndexOf('.');
        String base = dot > 0 ? submitted.substring(0, dot) : submitted;
        String cleaned = base.replaceAll("[^A-Za-z0-9_-]+", "_").replaceAll("^_+|_+$", "");
        if (cleaned.length() > MAX_NAME_LENGTH) {
            cleaned = cleaned.substring(0, MAX_NAME_LENGTH);
        }
        return cleaned.isEmpty() ? "image" : cleaned;
    }
}
