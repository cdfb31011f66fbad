package org.clusterio.test.support;

import org.jboss.as.arquillian.api.ServerSetupTask;
import org.jboss.as.arquillian.container.ManagementClient;

/**
 * Configures the server with the setup part of a documented CLI script and reloads; tears down with its undo part
 * and reloads again. The tests thereby use exactly what docs/cli tells users to type.
 */
public abstract class DocumentedScriptSetup implements ServerSetupTask {

    private final String script;

    protected DocumentedScriptSetup(String script) {
        this.script = script;
    }

    /** What the script expects to be there already (such as a bucket the script uses). */
    protected void prerequisites(ManagementClient management) throws Exception {
    }

    /** Removes the prerequisites again, once the reload has removed what used them. */
    protected void removePrerequisites(ManagementClient management) throws Exception {
    }

    @Override
    public void setup(ManagementClient management, String containerId) throws Exception {
        prerequisites(management);
        DocumentedCli.runSetup(management, DocumentedCli.script(script));
        ServerReload.reloadAndWait(management.getControllerClient());
    }

    @Override
    public void tearDown(ManagementClient management, String containerId) throws Exception {
        DocumentedCli.runUndo(management, DocumentedCli.script(script));
        ServerReload.reloadAndWait(management.getControllerClient());
        removePrerequisites(management);
    }
}
