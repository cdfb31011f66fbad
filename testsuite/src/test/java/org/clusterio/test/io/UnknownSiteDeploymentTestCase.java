package org.clusterio.test.io;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;

import jakarta.inject.Inject;

import org.clusterio.api.IOService;
import org.clusterio.api.PersistenceCache;
import org.clusterio.api.Site;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.as.controller.client.helpers.standalone.ServerDeploymentHelper;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A deployment that names a site or a persistence cache the subsystem does not have fails to deploy, saying which one
 * and how to fix it.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class UnknownSiteDeploymentTestCase {

    @ArquillianResource
    private ManagementClient management;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ShrinkWrap.create(WebArchive.class, "placeholder.war").addAsWebResource(new StringAsset("ok"), "index.txt");
    }

    /** Injects a site that does not exist. */
    public static class InjectsUnknownSite {
        @Inject
        @Site("no-such-site")
        IOService io;
    }

    @Test
    void injectingAnUnknownSiteFailsTheDeployment() throws Exception {
        assertDeploymentFails(ShrinkWrap.create(WebArchive.class, "unknown-site.war")
                .addClass(InjectsUnknownSite.class).addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml"), "CLUSTERIO0223: ", "'no-such-site'", "has no such site");
    }

    @Test
    void anUnknownDefaultSiteFailsTheDeployment() throws Exception {
        assertDeploymentFails(ShrinkWrap.create(WebArchive.class, "unknown-default.war")
                .addClass(SiteNameServlet.class).addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml")
                .setWebXML(new StringAsset("<web-app xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" version=\"6.0\">"
                        + "<context-param><param-name>org.clusterio.site</param-name><param-value>nowhere</param-value></context-param></web-app>")),
                "CLUSTERIO0223: ", "'nowhere'", "has no such site");
    }

    /** Injects the persistence cache that its web.xml names. */
    public static class InjectsPersistenceCache {
        @Inject
        PersistenceCache cache;
    }

    @Test
    void anUnknownPersistenceCacheFailsTheDeployment() throws Exception {
        assertDeploymentFails(ShrinkWrap.create(WebArchive.class, "unknown-cache.war")
                .addClass(InjectsPersistenceCache.class).addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml")
                .setWebXML(new StringAsset("<web-app xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" version=\"6.0\">"
                        + "<context-param><param-name>org.clusterio.persistence-cache</param-name><param-value>no-such-cache</param-value></context-param></web-app>")),
                "CLUSTERIO0222: ", "'no-such-cache'", "has no persistence-cache=no-such-cache", "org.clusterio.persistence-cache");
    }

    private void assertDeploymentFails(WebArchive war, String... expected) throws Exception {
        ServerDeploymentHelper deployer = new ServerDeploymentHelper(management.getControllerClient());
        try (InputStream content = war.as(ZipExporter.class).exportAsInputStream()) {
            Exception failure = assertThrows(Exception.class, () -> deployer.deploy(war.getName(), content));
            String message = String.valueOf(failure.getMessage()) + failure.getCause();
            for (String part : expected) {
                assertTrue(message.contains(part), message);
            }
        }
    }
}
