package org.clusterio.io;

import java.io.ByteArrayOutputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.regex.Pattern;

import org.clusterio.api.InvalidBinaryFileIdException;
import org.clusterio.logging.ClusterIOLogger;

/**
 * Turns ids into the URIs browsers fetch them at, and back. A relative prefix such as {@code var/site/storage}
 * gives URIs served by the application ({@code /var/site/storage/images/a.jpg}); an absolute one such as
 * {@code https://static.example.com/} gives URLs of a static server or CDN. Id segments are percent-encoded as
 * RFC 3986 requires, so the common ids (letters, digits, {@code -_.}) appear unchanged; {@code ;} is encoded too, since
 * a literal one starts a path parameter that the container (and the storage filter) takes off.
 */
public final class UrlPrefix {

    private static final Pattern ABSOLUTE = Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]*:)?//.*");
    /** RFC 3986 pchar minus ';', which the servlet container takes for the start of a path parameter. */
    private static final String UNENCODED = "-._~!$&'()*+,=:@";
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private final String base;

    private UrlPrefix(String base) {
        this.base = base;
    }

    /** @param prefix the url-prefix with its placeholders already expanded */
    public static UrlPrefix of(String prefix) {
        if (ABSOLUTE.matcher(prefix).matches()) {
            return new UrlPrefix(prefix.endsWith("/") ? prefix : prefix + "/");
        }
        String trimmed = prefix.replaceAll("^/+", "").replaceAll("/+$", "");
        return new UrlPrefix(trimmed.isEmpty() ? "/" : "/" + trimmed + "/");
    }

    public String uriFor(String id) {
        StringBuilder uri = new StringBuilder(base.length() + id.length() + 16).append(base);
        for (byte b : id.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c == '/' || isUnreserved(c)) {
                uri.append((char) c);
            } else {
                uri.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        return uri.toString();
    }

    /**
     * @return the id of a URI this prefix produced, or empty if the URI does not start with the prefix
     * @throws InvalidBinaryFileIdException if the rest of the URI is not validly percent-encoded UTF-8
     */
    public Optional<String> idFromUri(String uri) {
        if (uri == null || !uri.startsWith(base)) {
            return Optional.empty();
        }
        String encoded = uri.substring(base.length());
        int end = indexOfAny(encoded, '?', '#');
        return Optional.of(decode(end < 0 ? encoded : encoded.substring(0, end)));
    }

    @Override
    public String toString() {
        return base;
    }

    private static boolean isUnreserved(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || (c < 0x80 && UNENCODED.indexOf(c) >= 0);
    }

    private static int indexOfAny(String s, char a, char b) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == a || s.charAt(i) == b) {
                return i;
            }
        }
        return -1;
    }

    private static String decode(String encoded) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(encoded.length());
        for (int i = 0; i < encoded.length(); i++) {
            int c = encoded.codePointAt(i);
            if (c == '%') {
                if (i + 2 >= encoded.length() || Character.digit(encoded.charAt(i + 1), 16) < 0 || Character.digit(encoded.charAt(i + 2), 16) < 0) {
                    throw ClusterIOLogger.ROOT_LOGGER.malformedPercentEncoding(encoded);
                }
                bytes.write(Character.digit(encoded.charAt(i + 1), 16) * 16 + Character.digit(encoded.charAt(i + 2), 16));
                i += 2;
            } else {
                byte[] utf8 = new String(Character.toChars(c)).getBytes(StandardCharsets.UTF_8);
                bytes.write(utf8, 0, utf8.length);
                i += Character.charCount(c) - 1;
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw ClusterIOLogger.ROOT_LOGGER.notUtf8(encoded);
        }
    }
}
