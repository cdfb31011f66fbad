package org.clusterio.deployment;

import java.util.Optional;

import org.jboss.as.server.deployment.DeploymentUnit;
import org.jboss.as.web.common.WarMetaData;
import org.jboss.metadata.javaee.spec.ParamValueMetaData;

/** The context parameters of a web deployment (web.xml and web-fragments merged), by which it chooses what it uses. */
final class WebContextParameters {

    /** Names a deployment's default site. */
    static final String DEFAULT_SITE = "org.clusterio.site";

    /** Names the persistence cache a deployment injects. */
    static final String PERSISTENCE_CACHE = "org.clusterio.persistence-cache";

    /** Names the http-cache a deployment injects, when the subsystem has several. */
    static final String HTTP_CACHE = "org.clusterio.http-cache";

    /** Names the sessions resource a deployment shares its sessions through, or none. */
    static final String SESSIONS = "org.clusterio.sessions";

    private WebContextParameters() {
    }

    static Optional<String> of(DeploymentUnit unit, String name) {
        WarMetaData war = unit.getAttachment(WarMetaData.ATTACHMENT_KEY);
        if (war == null || war.getMergedJBossWebMetaData() == null || war.getMergedJBossWebMetaData().getContextParams() == null) {
            return Optional.empty();
        }
        return war.getMergedJBossWebMetaData().getContextParams().stream()
                .filter(parameter -> name.equals(parameter.getParamName()))
                .map(ParamValueMetaData::getParamValue)
                .map(String::strip)
                .findFirst();
    }
}
