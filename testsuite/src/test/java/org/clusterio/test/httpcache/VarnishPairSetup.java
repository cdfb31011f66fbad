package org.clusterio.test.httpcache;

import java.nio.file.Path;
import java.util.List;

import org.clusterio.test.support.ManagementOperations;
import org.clusterio.test.support.SecondServer;
import org.clusterio.test.support.ServerReload;
import org.clusterio.testing.VarnishBackends;
import org.clusterio.testing.VarnishProcess;
import org.jboss.as.arquillian.api.ServerSetupTask;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.dmr.ModelNode;

/**
 * Two Varnish servers with the shipped VCL in front of both nodes (8080 and the second node's 8180), and the site's
 * http-cache purging both of them, hard, so that no request after a change can get the old copy. The second node
 * copies this configuration when it starts.
 */
public class VarnishPairSetup implements ServerSetupTask {

    static volatile VarnishProcess first;
    static volatile VarnishProcess second;

    static final VarnishBackends BACKENDS = VarnishBackends.nodes(List.of(8080, 8080 + SecondServer.PORT_OFFSET));

    @Override
    public void setup(ManagementClient management, String containerId) throws Exception {
        Path target = Path.of("target");
        first = VarnishProcess.start(target.resolve("varnish-first"), BACKENDS);
        second = VarnishProcess.start(target.resolve("varnish-second"), BACKENDS);
        ModelNode add = ManagementOperations.operation("add", "subsystem", "cluster-io", "http-cache", "varnish");
        add.get("purge-targets").add(first.uri().toString()).add(second.uri().toString());
        add.get("purge-mode").set("HARD");
        add.get("connect-timeout").set(500);
        add.get("request-timeout").set(1000);
        add.get("retries").set(1);
        ManagementOperations.success(management.getControllerClient(), add);
        ModelNode write = ManagementOperations.operation("write-attribute", "subsystem", "cluster-io", "site", "site");
        write.get("name").set("http-cache");
        write.get("value").set("varnish");
        ManagementOperations.success(management.getControllerClient(), write);
        ServerReload.reloadAndWait(management.getControllerClient());
    }

    @Override
    public void tearDown(ManagementClient management, String containerId) throws Exception {
        try {
            ModelNode undefine = ManagementOperations.operation("undefine-attribute", "subsystem", "cluster-io", "site", "site");
            undefine.get("name").set("http-cache");
            ManagementOperations.success(management.getControllerClient(), undefine);
            ManagementOperations.success(management.getControllerClient(), ManagementOperations.operation("remove", "subsystem", "cluster-io", "http-cache", "varnish"));
            ServerReload.reloadAndWait(management.getControllerClient());
        } finally {
            for (VarnishProcess varnish : new VarnishProcess[] {first, second}) {
                if (varnish != null) {
                    varnish.close();
                }
            }
        }
    }
}
