package org.clusterio.test;

/** Ibexa DXP's dfs,nfs pair on H2, as docs/cli/dfs-and-nfs.cli documents it. */
public class DfsAndNfsSetup extends DocumentedScriptSetup {

    public DfsAndNfsSetup() {
        super("dfs-and-nfs.cli");
    }
}
