package org.clusterio.testing;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * S3Proxy 4.1 from Maven Central (the jar named by the system property {@code s3proxy.jar}) on a free port of
 * 127.0.0.1, as a process of its own so that its 169 bundled libraries stay off the test class path, storing in a
 * directory of the caller's, with signature checks on. Shared by the subsystem's tests and the testsuite.
 */
public final class S3ProxyProcess implements AutoCloseable {

    public static final String ACCESS_KEY = "test-access";
    public static final String SECRET_KEY = "test-secret";

    private final Process process;
    private final URI endpoint;

    private S3ProxyProcess(Process process, URI endpoint) {
        this.process = process;
        this.endpoint = endpoint;
    }

    public static S3ProxyProcess start(Path work) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        URI endpoint = URI.create("http://127.0.0.1:" + port);
        Files.createDirectories(work.resolve("blobs"));
        Path properties = Files.writeString(work.resolve("s3proxy.properties"), String.join("\n", "s3proxy.endpoint=" + endpoint,
                "s3proxy.authorization=aws-v2-or-v4", "s3proxy.identity=" + ACCESS_KEY, "s3proxy.credential=" + SECRET_KEY,
                "jclouds.provider=filesystem-nio2", "jclouds.filesystem.basedir=" + work.resolve("blobs"), ""));
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "-jar",
                System.getProperty("s3proxy.jar"), "--properties", properties.toString())
                .redirectErrorStream(true).redirectOutput(work.resolve("s3proxy.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            try {
                HttpURLConnection connection = (HttpURLConnection) endpoint.toURL().openConnection();
                connection.setConnectTimeout(500);
                connection.getResponseCode();
                return new S3ProxyProcess(process, endpoint);
            } catch (IOException e) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("S3Proxy exited: " + Files.readString(work.resolve("s3proxy.log")));
                }
                TimeUnit.MILLISECONDS.sleep(200);
            }
        }
        process.destroyForcibly();
        throw new IllegalStateException("S3Proxy did not answer within 60 s");
    }

    public URI endpoint() {
        return endpoint;
    }

    /** A client with the server's credentials, for test set-up and checks. */
    public S3Client client() {
        return S3Client.builder().endpointOverride(endpoint).region(Region.US_EAST_1).forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
