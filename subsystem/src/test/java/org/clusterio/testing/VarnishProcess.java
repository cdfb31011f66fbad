package org.clusterio.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A {@code varnishd} of its own on a free port of 127.0.0.1, running the shipped {@code docs/varnish/cluster-io.vcl}
 * with a generated {@code cluster-io-backends.vcl}, its shared memory and compiled VCL in a work directory of the
 * caller's (removed again by {@link #close}), so that tests run beside each other and beside any system instance.
 * Needs the Debian packages varnish and varnish-modules (the xkey vmod), which {@code .ci/services.sh} installs.
 * Shared by the subsystem's tests and the testsuite.
 */
public final class VarnishProcess implements AutoCloseable {

    /** Overrides where the shipped VCL is looked for (otherwise docs/varnish above the working directory). */
    public static final String VCL_DIR_PROPERTY = "varnish.vcl.dir";

    private static final String MISSING = "run .ci/services.sh (as root) to install the Debian packages varnish and varnish-modules";
    private static final Pattern BACKEND_HEALTH = Pattern.compile("\"[^\"]*\\.(\\w+)\":\\s*\\{[^}]*?\"probe_message\":\\s*\\[[^\\]]*\"(\\w+)\"\\]");

    private final Process process;
    private final Path work;
    private final URI uri;
    private final String secret;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private VarnishProcess(Process process, Path work, URI uri, String secret) {
        this.process = process;
        this.work = work;
        this.uri = uri;
        this.secret = secret;
    }

    public static VarnishProcess start(Path work, VarnishBackends backends) throws Exception {
        return start(work, backends, freePort());
    }

    /** On this port of 127.0.0.1, such as the port of an instance that was closed, to bring it back. */
    public static VarnishProcess start(Path work, VarnishBackends backends, int port) throws Exception {
        Path varnishd = executable("varnishd");
        deleteRecursively(work);
        Path vclDir = Files.createDirectories(work.resolve("vcl"));
        Path vcl = Files.copy(shippedVclDir().resolve("cluster-io.vcl"), vclDir.resolve("cluster-io.vcl"));
        Files.writeString(vclDir.resolve("cluster-io-backends.vcl"), backends.vcl());
        Path log = work.resolve("varnishd.log");
        Process process = new ProcessBuilder(varnishd.toString(), "-F", "-a", "127.0.0.1:" + port, "-T", "127.0.0.1:0",
                "-f", vcl.toString(), "-n", instance(work).toString(), "-s", "malloc,32m")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        VarnishProcess varnish = new VarnishProcess(process, work, URI.create("http://127.0.0.1:" + port), backends.secret());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                deleteRecursively(work.resolve("n"));
                throw new IllegalStateException("varnishd exited (" + process.exitValue() + "); if a vmod is missing, " + MISSING
                        + ":\n" + Files.readString(log));
            }
            if (Files.readString(log).contains("Child launched OK") && answers(port)) {
                return varnish;
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
        varnish.close();
        throw new IllegalStateException("varnishd did not answer on 127.0.0.1:" + port + " within 30 s");
    }

    public URI uri() {
        return uri;
    }

    public URI uri(String pathAndQuery) {
        return uri.resolve(pathAndQuery);
    }

    /** Hard purge: every object tagged with any of these tags is gone. */
    public HttpResponse<String> purgeTags(String... tags) throws IOException, InterruptedException {
        return purge("/", withSecret("xkey-purge", String.join(" ", tags)));
    }

    /** Soft purge: every object tagged so expires now, kept stale for its grace (and for revalidation). */
    public HttpResponse<String> softPurgeTags(String... tags) throws IOException, InterruptedException {
        return purge("/", withSecret("xkey-softpurge", String.join(" ", tags)));
    }

    /** Purges this URL (every variant), for the Host this process is reached with. */
    public HttpResponse<String> purgeUrl(String pathAndQuery) throws IOException, InterruptedException {
        return purge(pathAndQuery, withSecret());
    }

    /** A PURGE with exactly these headers (name, value, name, value ...): no secret is added. */
    public HttpResponse<String> purge(String pathAndQuery, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(pathAndQuery)).timeout(Duration.ofSeconds(10))
                .method("PURGE", HttpRequest.BodyPublishers.noBody());
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The number in a purge answer's X-Purged header, -1 without one. */
    public static int purged(HttpResponse<?> response) {
        return response.headers().firstValue("X-Purged").map(Integer::parseInt).orElse(-1);
    }

    /** A counter of {@code varnishstat}, e.g. "MAIN.cache_hit" or "XKEY.g_keys". */
    public long counter(String name) throws IOException, InterruptedException {
        String out = tool("varnishstat", "-1", "-n", instance(work).toString(), "-f", name);
        for (String line : out.split("\n")) {
            String[] fields = line.trim().split("\\s+");
            if (fields.length >= 2 && fields[0].equals(name)) {
                return Long.parseLong(fields[1]);
            }
        }
        throw new IllegalStateException("varnishstat has no counter " + name + ": " + out);
    }

    /** Whether the probe holds the node (as {@link VarnishBackends#nodeName} names it) healthy now. */
    public boolean healthy(String node) throws IOException, InterruptedException {
        Matcher matcher = BACKEND_HEALTH.matcher(tool("varnishadm", "-n", instance(work).toString(), "backend.list", "-j"));
        while (matcher.find()) {
            if (matcher.group(1).equals(node)) {
                return matcher.group(2).equals("healthy");
            }
        }
        throw new IllegalStateException("varnishadm lists no backend " + node);
    }

    /** Waits until the probe holds the node healthy (or sick); returns how long that took. */
    public Duration awaitHealth(String node, boolean healthy, Duration timeout) throws IOException, InterruptedException {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        while (healthy(node) != healthy) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(node + " not " + (healthy ? "healthy" : "sick") + " within " + timeout);
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
        // the cache worker normally goes with its manager; a killed manager can leave it behind
        for (ProcessHandle child : children) {
            child.destroyForcibly();
        }
        deleteRecursively(work);
    }

    private String[] withSecret(String... headers) {
        if (secret.isEmpty()) {
            return headers;
        }
        List<String> all = new ArrayList<>(List.of(headers));
        all.add("X-Cluster-IO-Purge-Secret");
        all.add(secret);
        return all.toArray(String[]::new);
    }

    private static Path instance(Path work) {
        return work.toAbsolutePath().resolve("n");
    }

    private static String tool(String name, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(executable(name).toString());
        command.addAll(List.of(arguments));
        Process tool = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(tool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!tool.waitFor(10, TimeUnit.SECONDS) || tool.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
        }
        return out;
    }

    private static Path executable(String name) {
        List<String> dirs = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(":")));
        dirs.addAll(List.of("/usr/sbin", "/usr/bin", "/usr/local/sbin"));
        return dirs.stream().filter(dir -> !dir.isEmpty()).map(dir -> Path.of(dir, name)).filter(Files::isExecutable)
                .findFirst().orElseThrow(() -> new IllegalStateException(name + " is not installed: " + MISSING));
    }

    private static Path shippedVclDir() {
        String configured = System.getProperty(VCL_DIR_PROPERTY);
        if (configured != null) {
            return Path.of(configured);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("docs/varnish/cluster-io.vcl"))) {
                return dir.resolve("docs/varnish");
            }
        }
        throw new IllegalStateException("no docs/varnish/cluster-io.vcl above " + Path.of("").toAbsolutePath()
                + "; set -D" + VCL_DIR_PROPERTY);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static boolean answers(int port) {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
