package org.clusterio.test.dfs;

import org.clusterio.test.support.DocumentedScriptSetup;

/** Ibexa DXP's dfs,nfs pair on H2, as docs/cli/dfs-and-nfs.cli documents it. */
public class DfsAndNfsSetup extends DocumentedScriptSetup {

    public DfsAndNfsSetup() {
        super("dfs-and-nfs.cli");
    }
}
