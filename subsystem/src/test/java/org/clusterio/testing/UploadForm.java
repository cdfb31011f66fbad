package org.clusterio.testing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The request a browser sends for the demo gallery's upload form: the form's session token in the field {@code csrf},
 * then one file in the field {@code file}.
 */
public final class UploadForm {

    private static final String BOUNDARY = "----cluster-io-test-boundary";
    private static final Pattern TOKEN = Pattern.compile("name='csrf' value='([0-9a-f]+)'");

    /** The value of the request's Content-Type header. */
    public static final String CONTENT_TYPE = "multipart/form-data; boundary=" + BOUNDARY;

    private UploadForm() {
    }

    /** @return the session token a gallery page's forms carry, if the page has a form */
    public static Optional<String> token(String page) {
        Matcher found = TOKEN.matcher(page);
        return found.find() ? Optional.of(found.group(1)) : Optional.empty();
    }

    /** A multipart/form-data body carrying the token and {@code content} as the file {@code fileName}, declared image/png. */
    public static byte[] body(String fileName, byte[] content, String csrf) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n" + csrf + "\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName + "\"\r\n"
                + "Content-Type: image/png\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return body.toByteArray();
    }
}
