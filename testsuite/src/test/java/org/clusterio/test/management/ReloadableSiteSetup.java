package org.clusterio.test.management;

import org.clusterio.test.support.SiteSetup;
import org.jboss.dmr.ModelNode;

/** A site "reloadable" on a handler of the same name, for tests that change the handler. */
public class ReloadableSiteSetup extends SiteSetup {

    static final String NAME = "reloadable";
    static final String PATH = "cluster-io-reloadable";

    public ReloadableSiteSetup() {
        super(NAME, PATH, NAME);
    }

    @Override
    protected void configure(ModelNode site) {
        // the defaults: var/reloadable/storage
    }
}
