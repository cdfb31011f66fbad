package org.clusterio.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A TCP proxy on 127.0.0.1 in front of an S3 server that cuts, with a reset, every connection that sends a chosen
 * part of a multipart upload ({@code partNumber=<n>} in the request line), after passing the first bytes of its body:
 * a network that fails in the middle of one part while the others go through. Every attempt at that part is cut
 * (the SDK's retries too); every other request passes. It also counts how many connections were open at once, which
 * shows whether parts went in parallel (one at a time, they reuse one kept-alive connection).
 */
public final class PartCuttingProxy implements AutoCloseable {

    private final ServerSocket listener;
    private final int serverPort;
    private final Pattern cutPart;
    private final long bytesPassed;
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger mostOpen = new AtomicInteger();
    private final AtomicInteger cuts = new AtomicInteger();

    private PartCuttingProxy(ServerSocket listener, int serverPort, int cutPart, long bytesPassed) {
        this.listener = listener;
        this.serverPort = serverPort;
        this.cutPart = Pattern.compile("[?&]partNumber=" + cutPart + "[^0-9]");
        this.bytesPassed = bytesPassed;
    }

    /** @param cutPart the part number whose requests are cut, or 0 to cut none */
    public static PartCuttingProxy start(URI server, int cutPart, long bytesPassed) throws IOException {
        ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        PartCuttingProxy proxy = new PartCuttingProxy(listener, server.getPort(), cutPart, bytesPassed);
        Thread acceptor = new Thread(proxy::acceptLoop, "part-cutting-proxy-" + listener.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
        return proxy;
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + listener.getLocalPort());
    }

    /** The most connections that were open at the same time. */
    public int mostOpen() {
        return mostOpen.get();
    }

    /** How many connections were cut. */
    public int cuts() {
        return cuts.get();
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket();
                server.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), serverPort), 2000);
                mostOpen.accumulateAndGet(open.incrementAndGet(), Math::max);
                AtomicInteger ends = new AtomicInteger();
                pump(client, server, true, ends);
                pump(server, client, false, ends);
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void pump(Socket from, Socket to, boolean upstream, AtomicInteger ends) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[64 * 1024];
            String tail = "";
            long sinceMatch = -1;
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int read; (read = in.read(buffer)) > 0; ) {
                    if (upstream && sinceMatch < 0) {
                        String text = tail + new String(buffer, 0, read, StandardCharsets.ISO_8859_1);
                        Matcher matcher = cutPart.matcher(text);
                        if (matcher.find()) {
                            sinceMatch = text.length() - matcher.end();
                        } else {
                            tail = text.substring(Math.max(0, text.length() - 32));
                        }
                    } else if (sinceMatch >= 0) {
                        sinceMatch += read;
                    }
                    if (sinceMatch > bytesPassed) {
                        cuts.incrementAndGet();
                        reset(from);
                        reset(to);
                        return;
                    }
                    out.write(buffer, 0, read);
                }
            } catch (IOException e) {
                // the other side went away: so does this one
            } finally {
                reset(from);
                reset(to);
                if (ends.incrementAndGet() == 2) {
                    open.decrementAndGet();
                }
            }
        }, "part-cutting-proxy-pump");
        thread.setDaemon(true);
        thread.start();
    }

    private static void reset(Socket socket) {
        try {
            if (!socket.isClosed()) {
                socket.setSoLinger(true, 0);
                socket.close();
            }
        } catch (IOException e) {
            // closed already
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }
}
