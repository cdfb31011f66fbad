package org.clusterio.test.dfs;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy on 127.0.0.1 between the servers under test and a database, that fails the way networks and database
 * servers fail: it passes bytes through, refuses new connections, cuts every live connection (a database killed or
 * restarted), or stalls (a database process paused: sockets stay open, nothing is answered).
 *
 * <p>Each accepted connection gets a connection of its own to the database and two threads that pump bytes, one per
 * direction. At most {@value #MAX_CONNECTIONS} connections are open at once; more are refused. {@link #close()}
 * closes the listener and every connection.
 */
final class FaultyDatabaseProxy implements AutoCloseable {

    private enum Mode { PASS, REFUSE, STALL }

    private static final int MAX_CONNECTIONS = 64;
    private static final int CONNECT_TIMEOUT_MILLIS = 2000;

    private final ServerSocket listener;
    private final int databasePort;
    private final Set<Link> links = ConcurrentHashMap.newKeySet();
    private final Object modeChange = new Object();
    private volatile Mode mode = Mode.PASS;

    private FaultyDatabaseProxy(ServerSocket listener, int databasePort) {
        this.listener = listener;
        this.databasePort = databasePort;
    }

    /** Starts passing connections to the database on 127.0.0.1:databasePort, from a free port of its own. */
    static FaultyDatabaseProxy start(int databasePort) throws IOException {
        ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        FaultyDatabaseProxy proxy = new FaultyDatabaseProxy(listener, databasePort);
        Thread acceptor = new Thread(proxy::acceptLoop, "faulty-database-proxy-" + listener.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
        return proxy;
    }

    int port() {
        return listener.getLocalPort();
    }

    /** Back to normal: new connections pass, stalled ones forward what they held. */
    void pass() {
        setMode(Mode.PASS);
    }

    /** New connections are reset as soon as they are accepted; live ones carry on. */
    void refuse() {
        setMode(Mode.REFUSE);
    }

    /** Resets every live connection and refuses new ones, as a database that was killed does. */
    void cut() {
        setMode(Mode.REFUSE);
        for (Link link : links) {
            link.reset();
        }
    }

    /** Nothing is forwarded any more, either way; live and new connections stay open, unanswered. */
    void stall() {
        setMode(Mode.STALL);
    }

    private void setMode(Mode next) {
        synchronized (modeChange) {
            mode = next;
            modeChange.notifyAll();
        }
    }

    /** Blocks while the proxy stalls; returns at once otherwise. */
    private void awaitNotStalled() throws InterruptedException {
        synchronized (modeChange) {
            while (mode == Mode.STALL) {
                modeChange.wait();
            }
        }
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                return; // closed
            }
            if (mode == Mode.REFUSE || links.size() >= MAX_CONNECTIONS) {
                reset(client);
                continue;
            }
            try {
                Socket database = new Socket();
                database.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), databasePort), CONNECT_TIMEOUT_MILLIS);
                Link link = new Link(client, database);
                links.add(link);
                link.start();
            } catch (IOException e) {
                reset(client);
            }
        }
    }

    /** Closes with a reset rather than a polite end of stream: what a client sees from a host that refuses. */
    private static void reset(Socket socket) {
        try {
            socket.setSoLinger(true, 0);
        } catch (SocketException e) {
            // already closed
        }
        try {
            socket.close();
        } catch (IOException e) {
            // nothing left to release
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        setMode(Mode.REFUSE);
        for (Link link : links) {
            link.reset();
        }
    }

    /** One client connection and its connection to the database, with a pumping thread per direction. */
    private final class Link {

        private final Socket client;
        private final Socket database;

        Link(Socket client, Socket database) {
            this.client = client;
            this.database = database;
        }

        void start() {
            pump(client, database, "to-database");
            pump(database, client, "to-client");
        }

        private void pump(Socket from, Socket to, String direction) {
            Thread pump = new Thread(() -> {
                byte[] buffer = new byte[16 * 1024];
                try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                    int read;
                    while ((read = in.read(buffer)) >= 0) {
                        // Bytes read while stalling are held, not lost: they go on when the proxy passes again.
                        awaitNotStalled();
                        out.write(buffer, 0, read);
                        out.flush();
                    }
                } catch (IOException | InterruptedException e) {
                    // one side went away: the other goes too
                } finally {
                    reset();
                }
            }, "faulty-database-proxy-" + port() + "-" + direction);
            pump.setDaemon(true);
            pump.start();
        }

        void reset() {
            links.remove(this);
            FaultyDatabaseProxy.reset(client);
            FaultyDatabaseProxy.reset(database);
        }
    }
}
