package org.clusterio.deployment;

import java.util.Set;
import java.util.TreeSet;

import org.jboss.as.server.deployment.Attachments;
import org.jboss.as.server.deployment.DeploymentUnit;
import org.jboss.as.server.deployment.annotation.CompositeIndex;
import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.DotName;

/** What a deployment's annotation index tells about its use of the IO service and the caches. */
final class DeploymentIndex {

    private static final DotName IO_SERVICE = DotName.createSimple("org.clusterio.api.IOService");
    private static final DotName PERSISTENCE_CACHE = DotName.createSimple("org.clusterio.api.PersistenceCache");
    private static final DotName HTTP_CACHE = DotName.createSimple("org.clusterio.api.HttpCache");
    private static final DotName SITE = DotName.createSimple("org.clusterio.api.Site");

    private final CompositeIndex index;

    private DeploymentIndex(CompositeIndex index) {
        this.index = index;
    }

    static DeploymentIndex of(DeploymentUnit unit) {
        return new DeploymentIndex(unit.getAttachment(Attachments.COMPOSITE_ANNOTATION_INDEX));
    }

    /** @return whether any class of the deployment refers to IOService */
    boolean usesIOService() {
        return uses(IO_SERVICE);
    }

    /** @return whether any class of the deployment refers to PersistenceCache */
    boolean usesPersistenceCache() {
        return uses(PERSISTENCE_CACHE);
    }

    /** @return whether any class of the deployment refers to HttpCache */
    boolean usesHttpCache() {
        return uses(HTTP_CACHE);
    }

    private boolean uses(DotName type) {
        return index != null && index.getIndexes().stream().anyMatch(classes -> !classes.getKnownUsers(type).isEmpty());
    }

    /** @return the site names that {@code @Site} qualifiers in the deployment name */
    Set<String> qualifiedSites() {
        Set<String> names = new TreeSet<>();
        if (index != null) {
            for (AnnotationInstance site : index.getAnnotations(SITE)) {
                names.add(site.value().asString());
            }
        }
        return names;
    }
}
