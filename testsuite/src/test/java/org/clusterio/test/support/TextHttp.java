package org.clusterio.test.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Plain-text HTTP calls of the multi-node tests, on one client. */
public final class TextHttp {

    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private TextHttp() {
    }

    /** @return the status of a PUT of the text */
    public static int put(URI uri, String body) throws IOException, InterruptedException {
        return CLIENT.send(HttpRequest.newBuilder(uri).PUT(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    public static HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
        return get(uri, null);
    }

    /** @param cookie the Cookie header to send, such as {@code JSESSIONID=abc}; none when null */
    public static HttpResponse<String> get(URI uri, String cookie) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri);
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** @return the status of a DELETE */
    public static int delete(URI uri) throws IOException, InterruptedException {
        return CLIENT.send(HttpRequest.newBuilder(uri).DELETE().build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
