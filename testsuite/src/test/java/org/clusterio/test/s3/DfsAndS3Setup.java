package org.clusterio.test.s3;

import static org.clusterio.test.support.ManagementOperations.operation;
import static org.clusterio.test.support.ManagementOperations.success;

import java.nio.file.Files;
import java.nio.file.Path;

import org.clusterio.test.support.DocumentedScriptSetup;
import org.clusterio.testing.S3ProxyProcess;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.dmr.ModelNode;

/**
 * Starts an S3-compatible server with a bucket, points the documented dfs-and-s3.cli at it through the system
 * properties the script reads, and configures the server with the script.
 */
public class DfsAndS3Setup extends DocumentedScriptSetup {

    static final String BUCKET = "clusterio-it";
    static S3ProxyProcess s3;

    public DfsAndS3Setup() {
        super("dfs-and-s3.cli");
    }

    @Override
    protected void prerequisites(ManagementClient management) throws Exception {
        Path work = Files.createTempDirectory("cluster-io-s3");
        s3 = S3ProxyProcess.start(work);
        try (var client = s3.client()) {
            client.createBucket(create -> create.bucket(BUCKET));
        }
        property(management, "cluster-io.s3.bucket", BUCKET);
        property(management, "cluster-io.s3.region", "us-east-1");
        property(management, "cluster-io.s3.endpoint", s3.endpoint().toString());
        property(management, "cluster-io.s3.path-style-access", "true");
        property(management, "cluster-io.s3.access-key-id", S3ProxyProcess.ACCESS_KEY);
        property(management, "cluster-io.s3.secret-access-key", S3ProxyProcess.SECRET_KEY);
    }

    @Override
    protected void removePrerequisites(ManagementClient management) throws Exception {
        for (String name : new String[] { "bucket", "region", "endpoint", "path-style-access", "access-key-id", "secret-access-key" }) {
            success(management.getControllerClient(), operation("remove", "system-property", "cluster-io.s3." + name));
        }
        s3.close();
    }

    private static void property(ManagementClient management, String name, String value) throws Exception {
        ModelNode add = operation("add", "system-property", name);
        add.get("value").set(value);
        success(management.getControllerClient(), add);
    }
}
