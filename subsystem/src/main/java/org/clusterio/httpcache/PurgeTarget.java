package org.clusterio.httpcache;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * One Varnish server that purges are sent to, by its http or https URL, with whether it took the last one. A purge is
 * one HTTP/1.1 request on a connection of its own: a plain socket rather than the JDK's HTTP client, because a purge
 * by URL must send the Host of the purged URL, which that client does not let a caller set.
 */
final class PurgeTarget {

    static final String SECRET_HEADER = "X-Cluster-IO-Purge-Secret";
    private static final int MAX_LINE = 8192;
    private static final int MAX_HEADERS = 100;

    private final URI uri;
    private final String host;
    private final int port;
    private final boolean tls;
    private final AtomicBoolean answering = new AtomicBoolean(true);

    PurgeTarget(URI uri) {
        this.uri = uri;
        this.tls = "https".equalsIgnoreCase(uri.getScheme());
        this.host = uri.getHost();
        this.port = uri.getPort() < 0 ? (tls ? 443 : 80) : uri.getPort();
    }

    /**
     * Sends the purge and reads the answer's status and headers.
     *
     * @throws IOException if the target cannot be reached or does not answer within the timeouts
     */
    PurgeAnswer send(PurgeRequest purge, String secret, Duration connectTimeout, Duration requestTimeout) throws IOException {
        long deadline = System.nanoTime() + requestTimeout.toNanos();
        try (Socket socket = connect(connectTimeout)) {
            socket.setSoTimeout((int) Math.max(1, requestTimeout.toMillis()));
            OutputStream out = socket.getOutputStream();
            out.write(request(purge, secret).getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return answer(new BufferedInputStream(socket.getInputStream()), deadline);
        }
    }

    private Socket connect(Duration connectTimeout) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(host, port), (int) Math.max(1, connectTimeout.toMillis()));
            if (!tls) {
                return socket;
            }
            SSLSocket secure = (SSLSocket) ((SSLSocketFactory) SSLSocketFactory.getDefault()).createSocket(socket, host, port, true);
            SSLParameters parameters = secure.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            secure.setSSLParameters(parameters);
            return secure;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    private String request(PurgeRequest purge, String secret) {
        StringBuilder request = new StringBuilder("PURGE ").append(purge.path()).append(" HTTP/1.1\r\n")
                .append("Host: ").append(purge.host().orElse(authority())).append("\r\n");
        purge.headers().forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
        if (!secret.isEmpty()) {
            request.append(SECRET_HEADER).append(": ").append(secret).append("\r\n");
        }
        return request.append("Content-Length: 0\r\nConnection: close\r\nUser-Agent: cluster-io\r\n\r\n").toString();
    }

    private static PurgeAnswer answer(InputStream in, long deadline) throws IOException {
        String status = line(in, deadline);
        String[] parts = status.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.") || !parts[1].matches("\\d{3}")) {
            throw new IOException("not an HTTP answer: " + status.replaceAll("\\p{Cntrl}", "?"));
        }
        long purged = -1;
        for (int i = 0; i < MAX_HEADERS; i++) {
            String header = line(in, deadline);
            if (header.isEmpty()) {
                return new PurgeAnswer(Integer.parseInt(parts[1]), parts.length > 2 ? parts[2] : "", purged);
            }
            int colon = header.indexOf(':');
            if (colon > 0 && header.substring(0, colon).trim().toLowerCase(Locale.ENGLISH).equals("x-purged")) {
                String value = header.substring(colon + 1).trim();
                purged = value.matches("\\d{1,18}") ? Long.parseLong(value) : -1;
            }
        }
        throw new IOException("more than " + MAX_HEADERS + " headers in the answer");
    }

    /** One line of the answer's head, without its CRLF; the whole answer is bounded by the request timeout. */
    private static String line(InputStream in, long deadline) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("the connection closed before the answer's head was complete");
            }
            if (System.nanoTime() > deadline) {
                throw new SocketTimeoutException("no complete answer within the request timeout");
            }
            if (c != '\r') {
                line.append((char) c);
            }
            if (line.length() > MAX_LINE) {
                throw new IOException("a line of the answer is longer than " + MAX_LINE + " bytes");
            }
        }
        return line.toString();
    }

    /** host[:port] as the Host header names this target. */
    private String authority() {
        return host + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    }

    /** Records the outcome of a purge. @return whether it changed: the target stopped or started answering */
    boolean answered(boolean took) {
        return answering.compareAndSet(!took, took);
    }

    @Override
    public String toString() {
        return uri.toString();
    }
}
