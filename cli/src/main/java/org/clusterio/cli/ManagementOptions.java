package org.clusterio.cli;

import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/**
 * Where to connect and as whom, and which server to address: {@code --controller=[<protocol>://]<host>[:<port>]}
 * (default {@code remote+http://127.0.0.1:9990}), {@code --user} with {@code --password-file} (or the environment,
 * or a prompt: see {@link PasswordSource}), and in a managed domain {@code --host} and {@code --server}, the server
 * that runs the operation, reached through the domain controller named by {@code --controller}.
 */
record ManagementOptions(String protocol, String hostName, int port, Optional<String> user, Optional<Path> passwordFile,
                         Optional<DomainServer> domainServer) {

    static final Set<String> NAMES = Set.of("controller", "user", "password-file", "host", "server");
    static final String HELP = """
              --controller=[<protocol>://]<host>[:<port>]
                                       the management interface (default remote+http://127.0.0.1:9990); in a managed
                                       domain, the domain controller's
              --host=<host> --server=<server>
                                       in a managed domain: the server that runs the operation
              --user=<name>            a management user; without it the tool authenticates as the local user, which
                                       works when it runs on the server's machine as the user that runs the server
              --password-file=<file>   the user's password, the first line of a file only you may read; otherwise the
                                       environment variable CLUSTER_IO_PASSWORD, otherwise it is asked for
            """;

    private static final String DEFAULT_PROTOCOL = "remote+http";
    private static final int DEFAULT_PORT = 9990;

    /** A server of a managed domain: {@code /host=<host>/server=<server>}. */
    record DomainServer(String host, String server) {
    }

    static ManagementOptions of(Options options) throws UsageException {
        String controller = options.value("controller").orElse("127.0.0.1");
        String protocol = DEFAULT_PROTOCOL;
        int scheme = controller.indexOf("://");
        if (scheme >= 0) {
            protocol = controller.substring(0, scheme);
            controller = controller.substring(scheme + 3);
        }
        String hostName = controller;
        int port = DEFAULT_PORT;
        int colon = controller.lastIndexOf(':');
        // an IPv6 address is written in brackets: [::1]:9990
        if (colon >= 0 && controller.indexOf(']') < colon) {
            hostName = controller.substring(0, colon);
            port = port(controller.substring(colon + 1), options.value("controller").orElseThrow());
        }
        if (hostName.startsWith("[") && hostName.endsWith("]")) {
            hostName = hostName.substring(1, hostName.length() - 1);
        }
        if (hostName.isEmpty() || protocol.isEmpty()) {
            throw new UsageException("--controller takes [<protocol>://]<host>[:<port>]: " + options.value("controller").orElseThrow());
        }
        Optional<String> host = options.value("host");
        Optional<String> server = options.value("server");
        if (host.isPresent() != server.isPresent()) {
            throw new UsageException("--host and --server go together: they name a server of a managed domain");
        }
        Optional<Path> passwordFile = options.value("password-file").map(Path::of);
        Optional<String> user = options.value("user");
        if (passwordFile.isPresent() && user.isEmpty()) {
            throw new UsageException("--password-file is the password of a --user: name the user");
        }
        Optional<DomainServer> domainServer = host.map(name -> new DomainServer(name, server.orElseThrow()));
        return new ManagementOptions(protocol, hostName, port, user, passwordFile, domainServer);
    }

    private static int port(String text, String controller) throws UsageException {
        try {
            int port = Integer.parseInt(text);
            if (port > 0 && port < 65536) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException("--controller takes [<protocol>://]<host>[:<port>], the port a number from 1 to 65535: " + controller);
    }

    /** @return the controller as the messages name it */
    String controller() {
        return protocol + "://" + (hostName.contains(":") ? "[" + hostName + "]" : hostName) + ":" + port;
    }
}
