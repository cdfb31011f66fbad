package org.clusterio.test.support;

import static org.clusterio.test.support.ManagementOperations.SUBSYSTEM;
import static org.clusterio.test.support.ManagementOperations.operation;
import static org.clusterio.test.support.ManagementOperations.success;

import org.jboss.as.arquillian.api.ServerSetupTask;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.dmr.ModelNode;

/**
 * Adds a site on a handler of its own below the server's temp directory, and reloads, since sites take effect
 * at a reload; tears both down again. Subclasses name them and set the site's other attributes.
 */
public abstract class SiteSetup implements ServerSetupTask {

    private final String handler;
    private final String path;
    private final String site;

    protected SiteSetup(String handler, String path, String site) {
        this.handler = handler;
        this.path = path;
        this.site = site;
    }

    /** Sets the site's attributes beyond its handlers. */
    protected abstract void configure(ModelNode siteAdd);

    @Override
    public void setup(ManagementClient management, String containerId) throws Exception {
        ModelNode handlerAdd = operation("add", "subsystem", SUBSYSTEM, "filesystem-binarydata-handler", handler);
        handlerAdd.get("path").set(path);
        handlerAdd.get("relative-to").set("jboss.server.temp.dir");
        success(management.getControllerClient(), handlerAdd);
        ModelNode siteAdd = operation("add", "subsystem", SUBSYSTEM, "site", site);
        siteAdd.get("metadata-handler").set("default");
        siteAdd.get("binarydata-handler").set(handler);
        configure(siteAdd);
        success(management.getControllerClient(), siteAdd);
        ServerReload.reloadAndWait(management.getControllerClient());
    }

    @Override
    public void tearDown(ManagementClient management, String containerId) throws Exception {
        success(management.getControllerClient(), operation("remove", "subsystem", SUBSYSTEM, "site", site));
        success(management.getControllerClient(), operation("remove", "subsystem", SUBSYSTEM, "filesystem-binarydata-handler", handler));
        ServerReload.reloadAndWait(management.getControllerClient());
    }
}
