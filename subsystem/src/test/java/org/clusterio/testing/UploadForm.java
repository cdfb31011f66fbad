package org.clusterio.testing;

import java.nio.charset.StandardCharsets;

/** The request body a browser sends for an upload form with one file field named {@code file}, as the demo page has. */
public final class UploadForm {

    private static final String BOUNDARY = "----cluster-io-test-boundary";

    /** The value of the request's Content-Type header. */
    public static final String CONTENT_TYPE = "multipart/form-data; boundary=" + BOUNDARY;

    private UploadForm() {
    }

    /** A multipart/form-data body carrying {@code content} as the file {@code fileName}, declared image/png. */
    public static byte[] body(String fileName, byte[] content) {
        byte[] head = ("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName + "\"\r\n"
                + "Content-Type: image/png\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[head.length + content.length + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(content, 0, body, head.length, content.length);
        System.arraycopy(tail, 0, body, head.length + content.length, tail.length);
        return body;
    }
}
