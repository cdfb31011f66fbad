package org.clusterio.cli;

import java.io.Closeable;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.sasl.RealmCallback;
import javax.security.sasl.RealmChoiceCallback;

import org.jboss.as.controller.client.ModelControllerClient;
import org.jboss.as.controller.client.ModelControllerClientConfiguration;
import org.jboss.dmr.ModelNode;

/**
 * The one connection a run of the tool holds to the management interface, and the address of the subsystem on the
 * server it addresses: {@code /subsystem=cluster-io} of a standalone server, or
 * {@code /host=<host>/server=<server>/subsystem=cluster-io} through a domain controller.
 */
final class ManagementConnection implements Closeable {

    /** XNIO's option, as the controller client reads it from the SASL options. */
    static final String DISALLOWED_MECHANISMS = "SASL_DISALLOWED_MECHANISMS";
    static final String LOCAL_MECHANISM = "JBOSS-LOCAL-USER";

    /**
     * A domain controller gives up on a proxied server operation that has not answered within the blocking timeout
     * (300 s by default) and asks the server to cancel it; a migration or a check of a large site runs longer. This
     * header (seconds) lifts it for our operations: a week.
     */
    static final int DOMAIN_BLOCKING_TIMEOUT_SECONDS = 7 * 24 * 3600;

    private final ModelControllerClient client;
    private final ManagementOptions options;

    private ManagementConnection(ModelControllerClient client, ManagementOptions options) {
        this.client = client;
        this.options = options;
    }

    /** The controller client connects lazily: a refused connection or login surfaces at the first operation. */
    static ManagementConnection open(ManagementOptions options, PasswordSource passwords) throws UsageException {
        ModelControllerClientConfiguration.Builder configuration = new ModelControllerClientConfiguration.Builder()
                .setProtocol(options.protocol()).setHostName(options.hostName()).setPort(options.port());
        if (options.user().isPresent()) {
            String user = options.user().get();
            configuration.setHandler(new Credentials(user, passwords.password(user, options.passwordFile())));
            // as jboss-cli with --user: that user's roles apply, not the local user's (SuperUser)
            configuration.setSaslOptions(Map.of(DISALLOWED_MECHANISMS, LOCAL_MECHANISM));
        }
        return new ManagementConnection(ModelControllerClient.Factory.create(configuration.build()), options);
    }

    /** @return an operation on the subsystem of the addressed server */
    ModelNode subsystemOperation(String name) {
        ModelNode operation = new ModelNode();
        ModelNode address = operation.get("address").setEmptyList();
        options.domainServer().ifPresent(server -> {
            address.add("host", server.host());
            address.add("server", server.server());
            operation.get("operation-headers", "blocking-timeout").set(DOMAIN_BLOCKING_TIMEOUT_SECONDS);
        });
        address.add("subsystem", "cluster-io");
        operation.get("operation").set(name);
        return operation;
    }

    ModelNode readAttributeOperation(String attribute) {
        ModelNode read = subsystemOperation("read-attribute");
        read.get("name").set(attribute);
        return read;
    }

    /** @return the whole response, outcome and result or failure-description */
    ModelNode execute(ModelNode operation) throws IOException {
        return client.execute(operation);
    }

    /** @throws IOException when the connection cannot be made: the controller client reports it wrapped, for its own reasons */
    CompletableFuture<ModelNode> executeAsync(ModelNode operation) throws IOException {
        try {
            return client.executeAsync(operation);
        } catch (RuntimeException e) {
            if (e.getCause() instanceof IOException connecting) {
                throw connecting;
            }
            throw e;
        }
    }

    /** @return where the operations go, for messages */
    String target() {
        return options.controller() + options.domainServer().map(server -> " /host=" + server.host() + "/server=" + server.server()).orElse("");
    }

    @Override
    public void close() throws IOException {
        client.close();
    }

    /** Answers the SASL mechanisms' questions with the user and password, and the realm the server proposes. */
    private static final class Credentials implements CallbackHandler {

        private final String user;
        private final char[] password;

        Credentials(String user, char[] password) {
            this.user = user;
            this.password = password;
        }

        @Override
        public void handle(Callback[] callbacks) throws UnsupportedCallbackException {
            for (Callback callback : callbacks) {
                if (callback instanceof NameCallback name) {
                    name.setName(user);
                } else if (callback instanceof PasswordCallback secret) {
                    secret.setPassword(password);
                } else if (callback instanceof RealmCallback realm) {
                    realm.setText(realm.getDefaultText());
                } else if (callback instanceof RealmChoiceCallback choice) {
                    choice.setSelectedIndex(choice.getDefaultChoice());
                } else {
                    throw new UnsupportedCallbackException(callback);
                }
            }
        }
    }
}
