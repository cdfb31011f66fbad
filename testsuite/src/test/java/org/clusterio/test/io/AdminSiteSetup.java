package org.clusterio.test.io;

import org.clusterio.test.support.SiteSetup;
import org.jboss.dmr.ModelNode;

/** A second site, "admin", matched by the request path /admin, with URLs on a CDN. */
public class AdminSiteSetup extends SiteSetup {

    static final String SITE = "admin";

    public AdminSiteSetup() {
        super("admin-store", "cluster-io-admin", SITE);
    }

    @Override
    protected void configure(ModelNode site) {
        site.get("var-dir").set("var/admin_site");
        site.get("url-prefix").set("https://static.example.com/$var_dir$/$storage_dir$");
        site.get("uri-prefix").set("/admin");
    }
}
