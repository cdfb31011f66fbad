package org.clusterio.subsystem;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;

import javax.xml.XMLConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;

import org.jboss.as.controller.PathAddress;
import org.jboss.as.controller.PathElement;
import org.jboss.as.controller.descriptions.ModelDescriptionConstants;
import org.jboss.as.controller.operations.common.Util;
import org.jboss.as.subsystem.test.AbstractSubsystemTest;
import org.jboss.as.subsystem.test.KernelServices;
import org.jboss.dmr.ModelNode;
import org.junit.Before;
import org.junit.Test;
import org.xml.sax.SAXException;

/** The management model accepts good values and rejects bad ones with a message that names the attribute. */
public class ClusterIOManagementModelTestCase extends AbstractSubsystemTest {

    private static final PathAddress SUBSYSTEM = PathAddress.pathAddress(ModelDescriptionConstants.SUBSYSTEM, "cluster-io");

    private KernelServices services;

    public ClusterIOManagementModelTestCase() {
        super("cluster-io", new ClusterIOExtension());
    }

    @Before
    public void boot() throws Exception {
        services = createKernelServicesBuilder(ClusterIOSubsystemSchemaTestCase.serverPaths()).setSubsystemXml(subsystemXml()).build();
        assertTrue(String.valueOf(services.getBootError()), services.isSuccessfulBoot());
    }

    private static String subsystemXml() throws IOException {
        try (InputStream in = ClusterIOManagementModelTestCase.class.getResourceAsStream("cluster-io-1.0.xml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    public void addedHandlerIsPersistedWithItsDefaults() throws Exception {
        ModelNode add = addHandler("uploads");
        add.get("path").set("/srv/uploads");
        assertSuccess(services.executeOperation(add));

        ModelNode read = Util.createEmptyOperation(ModelDescriptionConstants.READ_RESOURCE_OPERATION, handler("uploads"));
        read.get(ModelDescriptionConstants.INCLUDE_DEFAULTS).set(true);
        ModelNode resource = assertSuccess(services.executeOperation(read));
        assertEquals("/srv/uploads", resource.get("path").asString());
        assertEquals("$var_dir$/$storage_dir$/", resource.get("path-template").asString());
        assertEquals("0644", resource.get("file-permissions").asString());
        assertEquals("0755", resource.get("directory-permissions").asString());
        assertTrue(resource.get("fsync").asBoolean());
        assertEquals(3600, resource.get("temporary-file-max-age").asLong());
        assertThat(services.getPersistedSubsystemXml(), containsString("name=\"uploads\" path=\"/srv/uploads\""));

        assertSuccess(services.executeOperation(Util.createRemoveOperation(handler("uploads"))));
        assertFalse(services.readWholeModel().get(ModelDescriptionConstants.SUBSYSTEM, "cluster-io", "filesystem-binarydata-handler").has("uploads"));
    }

    @Test
    public void handlerWithoutPathIsRejectedNamingPath() {
        assertFailure(services.executeOperation(addHandler("nopath")), "path");
    }

    @Test
    public void emptyPathIsRejectedNamingPath() {
        ModelNode add = addHandler("empty");
        add.get("path").set("");
        assertFailure(services.executeOperation(add), "path");
    }

    @Test
    public void badPermissionsAreRejectedNamingTheAttribute() {
        assertHandlerRejected("file-permissions", "rw-r--r--", "0648", "644x", "4755", "");
        assertHandlerRejected("directory-permissions", "999");
    }

    /** Each value of the attribute fails the add of a filesystem handler that is otherwise valid, naming the attribute. */
    private void assertHandlerRejected(String attribute, String... badValues) {
        for (String bad : badValues) {
            ModelNode add = addHandler("bad");
            add.get("path").set("/srv/x");
            add.get(attribute).set(bad);
            assertFailure(services.executeOperation(add), attribute);
        }
    }

    @Test
    public void pathTemplatesThatLeaveTheRootAreRejected() {
        for (String bad : new String[] { "/abs/$var_dir$", "$var_dir$/../..", "a//b", "$var_dir$\\x", "$unknown$/x", "" }) {
            ModelNode add = addHandler("template");
            add.get("path").set("/srv/x");
            add.get("path-template").set(bad);
            assertFailure(services.executeOperation(add), "path-template");
        }
    }

    @Test
    public void writeAttributeValidatesToo() {
        ModelNode write = Util.getWriteAttributeOperation(handler("default"), "directory-permissions", new ModelNode("77777"));
        assertFailure(services.executeOperation(write), "directory-permissions");
        ModelNode writeSite = Util.getWriteAttributeOperation(SUBSYSTEM.append("site", "site"), "var-dir", new ModelNode("../etc"));
        assertFailure(services.executeOperation(writeSite), "var-dir");
    }

    @Test
    public void nonBooleanFsyncIsRejected() {
        ModelNode add = addHandler("fs");
        add.get("path").set("/srv/x");
        add.get("fsync").set("sometimes");
        assertFailure(services.executeOperation(add), "fsync");
    }

    @Test
    public void aTemporaryFileMaxAgeThatWouldRaceLiveWritesIsRejected() {
        assertHandlerRejected("temporary-file-max-age", "59", "0", "-1", "an hour");
        ModelNode add = addHandler("sweep");
        add.get("path").set("/srv/x");
        add.get("temporary-file-max-age").set(new ModelNode().set(new org.jboss.dmr.ValueExpression("${test.max-age:86400}")));
        assertSuccess(services.executeOperation(add));
    }

    @Test
    public void siteWithoutHandlerIsRejectedNamingIt() {
        ModelNode add = Util.createAddOperation(SUBSYSTEM.append("site", "other"));
        assertFailure(services.executeOperation(add), "binarydata-handler");
    }

    @Test
    public void siteNamingAMissingHandlerIsRejected() {
        ModelNode add = Util.createAddOperation(SUBSYSTEM.append("site", "typo"));
        add.get("metadata-handler").set("default");
        add.get("binarydata-handler").set("no-such-handler");
        assertFailure(services.executeOperation(add), "org.clusterio.binarydata-handler.no-such-handler");
    }

    @Test
    public void defaultSiteNamingAMissingSiteIsRejected() {
        ModelNode write = Util.getWriteAttributeOperation(SUBSYSTEM, "default-site", new ModelNode("no-such-site"));
        assertFailure(services.executeOperation(write), "org.clusterio.site.no-such-site");
    }

    @Test
    public void siteNamingAMissingMetadataHandlerIsRejected() {
        ModelNode add = Util.createAddOperation(SUBSYSTEM.append("site", "typo"));
        add.get("metadata-handler").set("no-such-metadata");
        add.get("binarydata-handler").set("default");
        assertFailure(services.executeOperation(add), "org.clusterio.metadata-handler.no-such-metadata");
    }

    @Test
    public void siteRoutingAndUrlValuesAreValidated() {
        for (String[] bad : new String[][] {
                { "url-prefix", "../var" }, { "url-prefix", "var/$unknown$" }, { "url-prefix", "var site" }, { "url-prefix", "http://" },
                { "uri-prefix", "admin" }, { "uri-prefix", "/admin/../x" }, { "uri-prefix", "/a b" } }) {
            ModelNode write = Util.getWriteAttributeOperation(SUBSYSTEM.append("site", "site"), bad[0], new ModelNode(bad[1]));
            assertFailure(services.executeOperation(write), bad[0]);
        }
        ModelNode hosts = Util.getWriteAttributeOperation(SUBSYSTEM.append("site", "site"), "hosts", new ModelNode().add("www.example.com").add("bad host:80"));
        assertFailure(services.executeOperation(hosts), "hosts");
    }

    @Test
    public void dfsHandlersAreValidated() {
        ModelNode add = Util.createAddOperation(SUBSYSTEM.append("dfs-metadata-handler", "bad"));
        add.get("data-source").set("ClusterIODS");
        add.get("table").set("ezdfsfile; DROP TABLE x");
        assertFailure(services.executeOperation(add), "table");
        ModelNode unknown = Util.createAddOperation(SUBSYSTEM.append("dfs-metadata-handler", "unknown"));
        unknown.get("data-source").set("NoSuchDS");
        assertFailure(services.executeOperation(unknown), "org.wildfly.data-source.NoSuchDS");
        assertFailure(services.executeOperation(Util.createAddOperation(SUBSYSTEM.append("dfs-metadata-handler", "none"))), "data-source");
        for (String timeout : new String[] { "0", "-1", "3601", "soon" }) {
            ModelNode badTimeout = Util.createAddOperation(SUBSYSTEM.append("dfs-metadata-handler", "timeout"));
            badTimeout.get("data-source").set("ClusterIODS");
            badTimeout.get("query-timeout").set(timeout);
            assertFailure(services.executeOperation(badTimeout), "query-timeout");
        }
        ModelNode good = Util.createAddOperation(SUBSYSTEM.append("dfs-metadata-handler", "bounded"));
        good.get("data-source").set("ClusterIODS");
        good.get("query-timeout").set(new ModelNode(new org.jboss.dmr.ValueExpression("${cluster-io.test.query-timeout:3}")));
        assertSuccess(services.executeOperation(good));
        ModelNode plain = Util.createAddOperation(SUBSYSTEM.append("dfs-metadata-handler", "plain"));
        plain.get("data-source").set("ClusterIODS");
        assertSuccess(services.executeOperation(plain));
        ModelNode read = Util.getReadAttributeOperation(SUBSYSTEM.append("dfs-metadata-handler", "plain"), "query-timeout");
        assertEquals(10, assertSuccess(services.executeOperation(read)).asInt());
        ModelNode write = Util.getWriteAttributeOperation(SUBSYSTEM.append("dfs-metadata-handler", "bounded"), "query-timeout", new ModelNode(0));
        assertFailure(services.executeOperation(write), "query-timeout");
    }

    @Test
    public void storageFiltersAreValidated() {
        ModelNode add = Util.createAddOperation(SUBSYSTEM.append("storage-filter", "bad"));
        add.get("pattern").set("^/var/(unclosed");
        assertFailure(services.executeOperation(add), "pattern");
        ModelNode negative = Util.createAddOperation(SUBSYSTEM.append("storage-filter", "negative"));
        negative.get("max-age").set(-1);
        assertFailure(services.executeOperation(negative), "max-age");
        ModelNode typo = Util.createAddOperation(SUBSYSTEM.append("storage-filter", "typo"));
        typo.get("sites").add("site").add("no-such-site");
        assertFailure(services.executeOperation(typo), "org.clusterio.site.no-such-site");
        ModelNode good = Util.createAddOperation(SUBSYSTEM.append("storage-filter", "good"));
        good.get("pattern").set("^/media/.*");
        good.get("sites").add("site").add("admin");
        good.get("immutable-max-age").set(60);
        assertSuccess(services.executeOperation(good));
        for (String badType : new String[] { "image", "*/*", "image/png; charset=x", "" }) {
            ModelNode inline = Util.createAddOperation(SUBSYSTEM.append("storage-filter", "inline"));
            inline.get("inline-types").add("image/png").add(badType);
            assertFailure(services.executeOperation(inline), "inline-types");
        }
        for (String badPolicy : new String[] { "sandbox\r\nSet-Cookie: a=b", "sandbox, script-src *", "'none'" }) {
            ModelNode csp = Util.createAddOperation(SUBSYSTEM.append("storage-filter", "csp"));
            csp.get("content-security-policy").set(badPolicy);
            assertFailure(services.executeOperation(csp), "content-security-policy");
        }
        ModelNode policy = Util.createAddOperation(SUBSYSTEM.append("storage-filter", "policy"));
        policy.get("inline-types").add("image/*").add("${inline.type:video/*}");
        policy.get("content-security-policy").set("${csp:sandbox allow-downloads}");
        assertSuccess(services.executeOperation(policy));
        ModelNode read = Util.createEmptyOperation(ModelDescriptionConstants.READ_RESOURCE_OPERATION, SUBSYSTEM.append("storage-filter", "good"));
        read.get(ModelDescriptionConstants.INCLUDE_DEFAULTS).set(true);
        ModelNode defaults = assertSuccess(services.executeOperation(read));
        assertEquals("sandbox", defaults.get("content-security-policy").asString());
        assertEquals(org.clusterio.api.ServingPolicy.DEFAULT_INLINE_TYPES.size(), defaults.get("inline-types").asList().size());
        ModelNode off = Util.getWriteAttributeOperation(SUBSYSTEM.append("storage-filter", "good"), "content-security-policy", new ModelNode(""));
        assertSuccess(services.executeOperation(off));
    }

    @Test
    public void s3HandlersAreValidated() {
        String[][] bad = { { "bucket", "" }, { "region", " " }, { "endpoint", "ftp://host" }, { "endpoint", "not a url" }, { "part-size", "1024" },
                { "part-size", String.valueOf(512L * 1024 * 1024 + 1) }, { "part-size", String.valueOf(5L * 1024 * 1024 * 1024) },
                { "checksum-mode", "SOMETIMES" }, { "max-attempts", "0" }, { "path-template", "../x" } };
        for (String[] value : bad) {
            ModelNode add = Util.createAddOperation(SUBSYSTEM.append("s3-binarydata-handler", "bad"));
            add.get("bucket").set("b");
            add.get(value[0]).set(value[1]);
            assertFailure(services.executeOperation(add), value[0]);
        }
        assertFailure(services.executeOperation(Util.createAddOperation(SUBSYSTEM.append("s3-binarydata-handler", "nobucket"))), "bucket");
        ModelNode keyWithoutSecret = Util.createAddOperation(SUBSYSTEM.append("s3-binarydata-handler", "half"));
        keyWithoutSecret.get("bucket").set("b");
        keyWithoutSecret.get("access-key-id").set("AKIA");
        assertFailure(services.executeOperation(keyWithoutSecret), "credential-reference");
    }

    @Test
    public void persistenceCachesAreValidated() {
        for (String[] value : new String[][] { { "max-entries", "0" }, { "max-entries", "-2" }, { "lifespan", "0" }, { "lifespan", "many" } }) {
            ModelNode add = addPersistenceCache("bad", "replicated");
            add.get(value[0]).set(value[1]);
            assertFailure(services.executeOperation(add), value[0]);
        }
        assertFailure(services.executeOperation(addPersistenceCache("typo", "no-such-cache")), "org.wildfly.clustering.infinispan.cache-configuration.cluster-io.no-such-cache");
        ModelNode noContainer = Util.createAddOperation(SUBSYSTEM.append("persistence-cache", "nocontainer"));
        noContainer.get("cache").set("replicated");
        assertFailure(services.executeOperation(noContainer), "cache-container");
        ModelNode dfs = Util.createAddOperation(SUBSYSTEM.append("dfs-metadata-handler", "cached"));
        dfs.get("data-source").set("ClusterIODS");
        dfs.get("cache").set("no-such-persistence-cache");
        assertFailure(services.executeOperation(dfs), "org.clusterio.persistence-cache.no-such-persistence-cache");

        ModelNode good = addPersistenceCache("good", "local");
        good.get("lifespan").set(-1);
        assertSuccess(services.executeOperation(good));
        ModelNode read = Util.createEmptyOperation(ModelDescriptionConstants.READ_RESOURCE_OPERATION, SUBSYSTEM.append("persistence-cache", "good"));
        read.get(ModelDescriptionConstants.INCLUDE_DEFAULTS).set(true);
        ModelNode resource = assertSuccess(services.executeOperation(read));
        assertEquals(100_000L, resource.get("max-entries").asLong());
        assertEquals(-1L, resource.get("lifespan").asLong());
        ModelNode write = Util.getWriteAttributeOperation(SUBSYSTEM.append("persistence-cache", "good"), "max-entries", new ModelNode(0));
        assertFailure(services.executeOperation(write), "max-entries");
    }

    @Test
    public void allowedClassesAreValidatedPatternByPattern() {
        for (String bad : new String[] { "", " com.example.*", "com.example.A;com.example.B", "*", "**", "com.example/*", "maxdepth=abc",
                "com.example.**.Deep", "maxdepth=-1", "org.**", "com.**", "org.*", "o*", "com.ex*", ".**", "java.**", "javax.**", "jdk.**",
                "sun.**", "java.util.**", "javax.management.*", "com.sun.rowset.**", "java.base/java.**", "java.base/*" }) {
            ModelNode add = addPersistenceCache("bad", "local");
            add.get("allowed-classes").add("com.example.Fine").add(bad);
            ModelNode result = services.executeOperation(add);
            assertFailure(result, "allowed-classes");
            assertThat(result.get(ModelDescriptionConstants.FAILURE_DESCRIPTION).asString(), containsString("'" + bad + "'"));
        }
        ModelNode good = addPersistenceCache("patterns", "local");
        good.get("allowed-classes").add("com.example.cache.**").add("!com.example.cache.Unsafe").add("maxdepth=20").add("com.example.Type")
                .add("com.example.cache.Prefix*").add("java.util.BitSet").add("!org.**").add("app.module/com.example.other.*")
                .add(new ModelNode().set(new org.jboss.dmr.ValueExpression("${test.allowed:org.example.Value}")));
        assertSuccess(services.executeOperation(good));
        ModelNode write = Util.getWriteAttributeOperation(SUBSYSTEM.append("persistence-cache", "patterns"), "allowed-classes",
                new ModelNode().add("com.example.other.**"));
        assertSuccess(services.executeOperation(write));
        ModelNode wide = Util.getWriteAttributeOperation(SUBSYSTEM.append("persistence-cache", "patterns"), "allowed-classes",
                new ModelNode().add("java.**"));
        assertFailure(services.executeOperation(wide), "allowed-classes");
        ModelNode everything = Util.getWriteAttributeOperation(SUBSYSTEM.append("persistence-cache", "patterns"), "allowed-classes",
                new ModelNode().add("*"));
        assertFailure(services.executeOperation(everything), "allowed-classes");
    }

    @Test
    public void sessionsAreValidated() {
        ModelNode badMode = Util.createAddOperation(SUBSYSTEM.append("sessions", "bad"));
        badMode.get("mode").set("optimistic");
        assertFailure(services.executeOperation(badMode), "mode");
        ModelNode unknownProfile = Util.createAddOperation(SUBSYSTEM.append("sessions", "unknown"));
        unknownProfile.get("session-management").set("no-such-profile");
        assertFailure(services.executeOperation(unknownProfile), "org.wildfly.clustering.web.session-management-provider.no-such-profile");

        assertSuccess(services.executeOperation(Util.createAddOperation(SUBSYSTEM.append("sessions", "plain"))));
        ModelNode read = Util.createEmptyOperation(ModelDescriptionConstants.READ_RESOURCE_OPERATION, SUBSYSTEM.append("sessions", "plain"));
        read.get(ModelDescriptionConstants.INCLUDE_DEFAULTS).set(true);
        assertEquals("LOCKING", assertSuccess(services.executeOperation(read)).get("mode").asString());
        ModelNode write = Util.getWriteAttributeOperation(SUBSYSTEM.append("sessions", "plain"), "mode", new ModelNode("STICKY!"));
        assertFailure(services.executeOperation(write), "mode");
    }

    @Test
    public void httpCachesAreValidatedNamingTheAttribute() {
        String[][] bad = { { "purge-targets", "ftp://cache:6081" }, { "purge-targets", "not a url" }, { "purge-targets", "http://cache:6081/purge" },
                { "purge-targets", "http://user@cache:6081" }, { "purge-targets", "cache:6081" }, { "purge-mode", "gentle" },
                { "connect-timeout", "0" }, { "connect-timeout", "-5" }, { "request-timeout", "-1" }, { "retries", "-1" }, { "retries", "often" } };
        for (String[] value : bad) {
            ModelNode add = addHttpCache("bad", "http://127.0.0.1:6081");
            if (value[0].equals("purge-targets")) {
                add.get("purge-targets").add(value[1]);
            } else {
                add.get(value[0]).set(value[1]);
            }
            assertFailure(services.executeOperation(add), value[0]);
        }
        assertFailure(services.executeOperation(Util.createAddOperation(SUBSYSTEM.append("http-cache", "notargets"))), "purge-targets");

        ModelNode good = addHttpCache("varnish", "http://127.0.0.1:6081");
        good.get("purge-targets").add(new ModelNode().set(new org.jboss.dmr.ValueExpression("${test.varnish.second:http://127.0.0.1:6082}")));
        good.get("purge-secret").get("clear-text").set("s3cret");
        assertSuccess(services.executeOperation(good));
        ModelNode read = Util.createEmptyOperation(ModelDescriptionConstants.READ_RESOURCE_OPERATION, SUBSYSTEM.append("http-cache", "varnish"));
        read.get(ModelDescriptionConstants.INCLUDE_DEFAULTS).set(true);
        ModelNode resource = assertSuccess(services.executeOperation(read));
        assertEquals("SOFT", resource.get("purge-mode").asString());
        assertEquals(1000, resource.get("connect-timeout").asLong());
        assertEquals(2000, resource.get("request-timeout").asLong());
        assertEquals(5, resource.get("retries").asInt());
        for (String[] value : new String[][] { { "request-timeout", "0" }, { "purge-mode", "SOFTLY" }, { "retries", "-2" } }) {
            ModelNode write = Util.getWriteAttributeOperation(SUBSYSTEM.append("http-cache", "varnish"), value[0], new ModelNode(value[1]));
            assertFailure(services.executeOperation(write), value[0]);
        }
        ModelNode writeTargets = Util.getWriteAttributeOperation(SUBSYSTEM.append("http-cache", "varnish"), "purge-targets",
                new ModelNode().add("http://127.0.0.1:6081").add("https://cache.example.com?x"));
        assertFailure(services.executeOperation(writeTargets), "purge-targets");
        assertSuccess(services.executeOperation(Util.getWriteAttributeOperation(SUBSYSTEM.append("http-cache", "varnish"), "purge-mode", new ModelNode("hard"))));
    }

    @Test
    public void siteNamingAMissingHttpCacheIsRejected() {
        ModelNode write = Util.getWriteAttributeOperation(SUBSYSTEM.append("site", "site"), "http-cache", new ModelNode("no-such-cache"));
        assertFailure(services.executeOperation(write), "org.clusterio.http-cache.no-such-cache");
        assertSuccess(services.executeOperation(addHttpCache("varnish", "http://127.0.0.1:6081")));
        assertSuccess(services.executeOperation(Util.getWriteAttributeOperation(SUBSYSTEM.append("site", "site"), "http-cache", new ModelNode("varnish"))));
        assertThat(services.getPersistedSubsystemXml(), containsString("http-cache=\"varnish\""));
    }

    private static ModelNode addHttpCache(String name, String target) {
        ModelNode add = Util.createAddOperation(SUBSYSTEM.append("http-cache", name));
        add.get("purge-targets").add(target);
        return add;
    }

    @Test
    public void enumeratedValuesAreTheConstantsNames() {
        ModelNode describe = Util.createEmptyOperation(ModelDescriptionConstants.READ_RESOURCE_DESCRIPTION_OPERATION, SUBSYSTEM.append("sessions", "default"));
        ModelNode mode = assertSuccess(services.executeOperation(describe)).get(ModelDescriptionConstants.ATTRIBUTES, "mode");
        assertEquals(List.of("LOCKING", "STICKY"), mode.get(ModelDescriptionConstants.ALLOWED).asList().stream().map(ModelNode::asString).toList());
        assertEquals("LOCKING", mode.get(ModelDescriptionConstants.DEFAULT).asString());

        ModelNode wrong = Util.createAddOperation(SUBSYSTEM.append("s3-binarydata-handler", "wrong"));
        wrong.get("bucket").set("b");
        wrong.get("checksum-mode").set("when-required");
        ModelNode result = services.executeOperation(wrong);
        assertFailure(result, "checksum-mode");
        assertThat(result.get(ModelDescriptionConstants.FAILURE_DESCRIPTION).asString(), containsString("WHEN_REQUIRED, WHEN_SUPPORTED"));
    }

    /** Configurations of earlier releases spell the mode in lower case: add and write-attribute store the name. */
    @Test
    public void lowerCaseModeOfEarlierReleasesIsStoredAsTheName() {
        PathAddress earlier = SUBSYSTEM.append("sessions", "earlier");
        ModelNode add = Util.createAddOperation(earlier);
        add.get("mode").set("sticky");
        assertSuccess(services.executeOperation(add));
        assertEquals("STICKY", assertSuccess(services.executeOperation(Util.getReadAttributeOperation(earlier, "mode"))).asString());

        assertSuccess(services.executeOperation(Util.getWriteAttributeOperation(earlier, "mode", new ModelNode("locking"))));
        assertEquals("LOCKING", assertSuccess(services.executeOperation(Util.getReadAttributeOperation(earlier, "mode"))).asString());
        assertThat(services.getPersistedSubsystemXml(), containsString("name=\"earlier\" mode=\"LOCKING\""));

        ModelNode wrong = Util.getWriteAttributeOperation(earlier, "mode", new ModelNode("optimistic"));
        ModelNode result = services.executeOperation(wrong);
        assertFailure(result, "mode");
        assertThat(result.get(ModelDescriptionConstants.FAILURE_DESCRIPTION).asString(), containsString("LOCKING, STICKY"));
    }

    /** An earlier release's XML, mode="sticky", is valid against the schema, boots, and is written back as STICKY. */
    @Test
    public void lowerCaseModeOfEarlierReleasesInXmlIsStoredAsTheName() throws Exception {
        String xml = subsystemXml().replace("<sessions name=\"default\"/>", "<sessions name=\"default\" mode=\"sticky\"/>");
        validateAgainstSchema(xml);
        KernelServices earlier = createKernelServicesBuilder(ClusterIOSubsystemSchemaTestCase.serverPaths()).setSubsystemXml(xml).build();
        assertTrue(String.valueOf(earlier.getBootError()), earlier.isSuccessfulBoot());
        assertEquals("STICKY", earlier.readWholeModel().get(ModelDescriptionConstants.SUBSYSTEM, "cluster-io", "sessions", "default", "mode").asString());
        assertThat(earlier.getPersistedSubsystemXml(), containsString("name=\"default\" mode=\"STICKY\""));
    }

    @Test
    public void wrongModeInXmlIsRefusedBySchemaAndParser() throws Exception {
        String xml = subsystemXml().replace("<sessions name=\"default\"/>", "<sessions name=\"default\" mode=\"optimistic\"/>");
        assertThrows(SAXException.class, () -> validateAgainstSchema(xml));
        XMLStreamException refused = assertThrows(XMLStreamException.class, () -> createKernelServicesBuilder(ClusterIOSubsystemSchemaTestCase.serverPaths()).setSubsystemXml(xml).build());
        assertThat(refused.getMessage(), containsString("mode"));
    }

    private static void validateAgainstSchema(String xml) throws SAXException, IOException {
        Schema schema = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI).newSchema(ClusterIOManagementModelTestCase.class.getResource("/schema/cluster-io_1_0.xsd"));
        schema.newValidator().validate(new StreamSource(new StringReader(xml)));
    }

    private static ModelNode addPersistenceCache(String name, String cache) {
        ModelNode add = Util.createAddOperation(SUBSYSTEM.append("persistence-cache", name));
        add.get("cache-container").set("cluster-io");
        add.get("cache").set(cache);
        return add;
    }

    @Test
    public void expressionsAreAccepted() {
        ModelNode add = addHandler("expr");
        add.get("path").set(new ModelNode().set(new org.jboss.dmr.ValueExpression("${test.root:/srv/expr}")));
        add.get("fsync").set(new ModelNode().set(new org.jboss.dmr.ValueExpression("${test.fsync:false}")));
        assertSuccess(services.executeOperation(add));
    }

    private static PathAddress handler(String name) {
        return SUBSYSTEM.append(PathElement.pathElement("filesystem-binarydata-handler", name));
    }

    private static ModelNode addHandler(String name) {
        return Util.createAddOperation(handler(name));
    }

    private static ModelNode assertSuccess(ModelNode result) {
        assertEquals(result.toString(), ModelDescriptionConstants.SUCCESS, result.get(ModelDescriptionConstants.OUTCOME).asString());
        return result.get(ModelDescriptionConstants.RESULT);
    }

    @Test
    public void purgeRefusesWhatItDoesNotRemoveNamingWhat() {
        ModelNode purge = Util.createOperation("purge", SUBSYSTEM);
        purge.get("what").add("orphan-files").add("everything");
        assertFailure(services.executeOperation(purge), "what: 'everything' is not something purge removes; it removes [orphan-files, soft-deleted, orphan-rows]");
    }

    @Test
    public void purgeRefusesANegativeProtectWindowNamingOlderThan() {
        ModelNode purge = Util.createOperation("purge", SUBSYSTEM);
        purge.get("older-than").set(-1);
        assertFailure(services.executeOperation(purge), "older-than");
    }

    @Test
    public void integrityOperationsRefuseAnUnknownSiteAndHandlersNamingTheParameter() {
        for (String operation : new String[] { "check-integrity", "purge" }) {
            ModelNode unknownSite = Util.createOperation(operation, SUBSYSTEM);
            unknownSite.get("site").set("no-such-site");
            assertFailure(services.executeOperation(unknownSite), "site: there is no site 'no-such-site'");
            ModelNode badPair = Util.createOperation(operation, SUBSYSTEM);
            badPair.get("metadata-and-binarydata").set("dfs");
            assertFailure(services.executeOperation(badPair), "metadata-and-binarydata");
            ModelNode unknownHandler = Util.createOperation(operation, SUBSYSTEM);
            unknownHandler.get("metadata-and-binarydata").set("dfs,no-such-store");
            assertFailure(services.executeOperation(unknownHandler), "metadata-and-binarydata: binarydata handler 'no-such-store' is not configured");
            ModelNode badBulk = Util.createOperation(operation, SUBSYSTEM);
            badBulk.get("bulk-count").set(0);
            assertFailure(services.executeOperation(badBulk), "bulk-count");
        }
    }

    @Test
    public void purgeIsADryRunWithADayOfProtectionUnlessTold() {
        ModelNode describe = Util.createOperation(ModelDescriptionConstants.READ_OPERATION_DESCRIPTION_OPERATION, SUBSYSTEM);
        describe.get(ModelDescriptionConstants.NAME).set("purge");
        ModelNode parameters = assertSuccess(services.executeOperation(describe)).get(ModelDescriptionConstants.REQUEST_PROPERTIES);
        assertTrue(parameters.get("dry-run", ModelDescriptionConstants.DEFAULT).asBoolean());
        assertEquals(86_400, parameters.get("older-than", ModelDescriptionConstants.DEFAULT).asLong());
        assertEquals(3, parameters.get("what", ModelDescriptionConstants.DEFAULT).asList().size());
    }

    private static void assertFailure(ModelNode result, String attribute) {
        assertEquals(result.toString(), ModelDescriptionConstants.FAILED, result.get(ModelDescriptionConstants.OUTCOME).asString());
        assertThat(result.get(ModelDescriptionConstants.FAILURE_DESCRIPTION).asString(), containsString(attribute));
    }
}
