package org.clusterio.subsystem;

import java.util.List;

import org.jboss.as.controller.persistence.xml.ResourceXMLChoice;
import org.jboss.as.controller.persistence.xml.ResourceXMLParticleFactory;
import org.jboss.as.controller.persistence.xml.SubsystemResourceRegistrationXMLElement;
import org.jboss.as.controller.persistence.xml.SubsystemResourceXMLSchema;
import org.jboss.as.controller.xml.IntVersionSchema;
import org.jboss.as.controller.xml.VersionedNamespace;
import org.jboss.as.controller.xml.XMLCardinality;
import org.jboss.staxmapper.IntVersion;

/** The XML schemas of the subsystem: {@code urn:clusterio:cluster-io:<major>.<minor>}, one XSD per version. */
public enum ClusterIOSubsystemSchema implements SubsystemResourceXMLSchema<ClusterIOSubsystemSchema> {

    VERSION_1_0(1, 0), // cluster-io 1.0
    VERSION_1_1(1, 1), // http-cache, and a site's http-cache
    ;
    public static final ClusterIOSubsystemSchema CURRENT = VERSION_1_1;

    private final ResourceXMLParticleFactory factory = ResourceXMLParticleFactory.newInstance(this);
    private final VersionedNamespace<IntVersion, ClusterIOSubsystemSchema> namespace;

    ClusterIOSubsystemSchema(int major, int minor) {
        this.namespace = IntVersionSchema.createURN(List.of("clusterio", ClusterIOSubsystemResourceDefinitionRegistrar.REGISTRATION.getName()), new IntVersion(major, minor));
    }

    @Override
    public VersionedNamespace<IntVersion, ClusterIOSubsystemSchema> getNamespace() {
        return namespace;
    }

    @Override
    public SubsystemResourceRegistrationXMLElement getSubsystemXMLElement() {
        ResourceXMLChoice.Builder children = factory.choice().withCardinality(XMLCardinality.Unbounded.OPTIONAL)
                .addElement(factory.namedElement(FilesystemMetadataHandlerResourceDefinitionRegistrar.REGISTRATION).build())
                .addElement(factory.namedElement(DfsMetadataHandlerResourceDefinitionRegistrar.REGISTRATION)
                        .addAttributes(DfsMetadataHandlerResourceDefinitionRegistrar.ATTRIBUTES)
                        .build())
                .addElement(factory.namedElement(FilesystemBinarydataHandlerResourceDefinitionRegistrar.REGISTRATION)
                        .addAttributes(FilesystemBinarydataHandlerResourceDefinitionRegistrar.ATTRIBUTES)
                        .build())
                .addElement(factory.namedElement(S3BinarydataHandlerResourceDefinitionRegistrar.REGISTRATION)
                        .addAttributes(S3BinarydataHandlerResourceDefinitionRegistrar.XML_ATTRIBUTES)
                        .withContent(factory.sequence().addElement(S3BinarydataHandlerResourceDefinitionRegistrar.CREDENTIAL_REFERENCE).build())
                        .build())
                .addElement(factory.namedElement(SiteResourceDefinitionRegistrar.REGISTRATION)
                        .addAttributes(this.since(VERSION_1_1) ? SiteResourceDefinitionRegistrar.ATTRIBUTES : SiteResourceDefinitionRegistrar.ATTRIBUTES_1_0)
                        .build())
                .addElement(factory.namedElement(StorageFilterResourceDefinitionRegistrar.REGISTRATION)
                        .addAttributes(StorageFilterResourceDefinitionRegistrar.ATTRIBUTES)
                        .build())
                .addElement(factory.namedElement(PersistenceCacheResourceDefinitionRegistrar.REGISTRATION)
                        .addAttributes(PersistenceCacheResourceDefinitionRegistrar.ATTRIBUTES)
                        .build())
                .addElement(factory.namedElement(SessionsResourceDefinitionRegistrar.REGISTRATION)
                        .addAttributes(SessionsResourceDefinitionRegistrar.ATTRIBUTES)
                        .build());
        if (this.since(VERSION_1_1)) {
            children.addElement(factory.namedElement(HttpCacheResourceDefinitionRegistrar.REGISTRATION)
                    .addAttributes(HttpCacheResourceDefinitionRegistrar.XML_ATTRIBUTES)
                    .withContent(factory.sequence().withCardinality(XMLCardinality.Single.OPTIONAL).addElement(HttpCacheResourceDefinitionRegistrar.PURGE_SECRET).build())
                    .build());
        }
        return factory.subsystemElement(ClusterIOSubsystemResourceDefinitionRegistrar.REGISTRATION)
                .addAttribute(ClusterIOSubsystemResourceDefinitionRegistrar.DEFAULT_SITE)
                .withContent(children.build())
                .build();
    }
}
