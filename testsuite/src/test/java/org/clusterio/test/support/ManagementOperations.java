package org.clusterio.test.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;

import org.jboss.as.controller.client.ModelControllerClient;
import org.jboss.dmr.ModelNode;

/** Small helpers for management operations in tests; every operation is checked for its outcome. */
public final class ManagementOperations {

    public static final String SUBSYSTEM = "cluster-io";

    private ManagementOperations() {
    }

    public static ModelNode operation(String name, String... address) {
        ModelNode operation = new ModelNode();
        operation.get("operation").set(name);
        ModelNode addressNode = operation.get("address").setEmptyList();
        for (int i = 0; i < address.length; i += 2) {
            addressNode.add(address[i], address[i + 1]);
        }
        return operation;
    }

    public static ModelNode execute(ModelControllerClient client, ModelNode operation) throws IOException {
        return client.execute(operation);
    }

    public static ModelNode success(ModelControllerClient client, ModelNode operation) throws IOException {
        ModelNode result = client.execute(operation);
        assertEquals("success", result.get("outcome").asString(), result.toString());
        return result.get("result");
    }

    /** @return the failure description, after checking that the operation failed */
    public static String failure(ModelControllerClient client, ModelNode operation) throws IOException {
        ModelNode result = client.execute(operation);
        assertEquals("failed", result.get("outcome").asString(), result.toString());
        return result.get("failure-description").asString();
    }
}
