package org.clusterio.test.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.clusterio.test.support.DocumentedScriptSetup;
import org.clusterio.test.support.FilesServlet;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.api.ServerSetup;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** docs/cli/serving-policy.cli over real HTTP: SVG logos shown in place, under the script's stricter policy. */
@ExtendWith(ArquillianExtension.class)
@ServerSetup(ServingPolicyScriptTestCase.ServingPolicyScript.class)
@RunAsClient
class ServingPolicyScriptTestCase {

    public static class ServingPolicyScript extends DocumentedScriptSetup {

        public ServingPolicyScript() {
            super("serving-policy.cli");
        }
    }

    @ArquillianResource
    private URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ShrinkWrap.create(WebArchive.class, "policy.war").addClasses(FilesServlet.class).addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml");
    }

    @Test
    void svgIsInlineUnderTheConfiguredPolicy() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        assertEquals(204, http.send(HttpRequest.newBuilder(base.toURI().resolve("files/images/policy/logo.svg"))
                .PUT(HttpRequest.BodyPublishers.ofString("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode());
        HttpResponse<String> svg = http.send(HttpRequest.newBuilder(base.toURI().resolve("var/site/storage/images/policy/logo.svg")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, svg.statusCode());
        assertEquals("image/svg+xml", svg.headers().firstValue("Content-Type").orElseThrow());
        assertTrue(svg.headers().firstValue("Content-Disposition").isEmpty(), "image/svg+xml is an inline type now");
        assertEquals("sandbox; default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'", svg.headers().firstValue("Content-Security-Policy").orElseThrow());
        assertEquals("nosniff", svg.headers().firstValue("X-Content-Type-Options").orElseThrow());
    }
}
