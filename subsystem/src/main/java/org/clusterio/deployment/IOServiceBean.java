package org.clusterio.deployment;

import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.Set;

import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.context.spi.CreationalContext;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.InjectionPoint;
import jakarta.enterprise.inject.spi.PassivationCapable;

import org.clusterio.api.IOService;

/**
 * An IO service bean of a deployment: the {@code @Default} one or a {@code @Site(name)} one. Its bean class is the API interface on purpose: Weld files a
 * bean under the bean archive of its bean class, and the API module is a bean archive that every deployment sees
 * (a bean built with {@code AfterBeanDiscovery.addBean()} would land in the extension's own archive, invisible to
 * the deployment). The service outlives the deployment, so the bean hands it out and never destroys it.
 */
final class IOServiceBean implements Bean<IOService>, PassivationCapable {

    private final IOService service;
    private final Annotation qualifier;
    private final String id;

    IOServiceBean(IOService service, Annotation qualifier, String id) {
        this.service = service;
        this.qualifier = qualifier;
        this.id = "org.clusterio.IOService#" + id;
    }

    @Override
    public Class<?> getBeanClass() {
        return IOService.class;
    }

    @Override
    public Set<InjectionPoint> getInjectionPoints() {
        return Set.of();
    }

    @Override
    public IOService create(CreationalContext<IOService> context) {
        return service;
    }

    @Override
    public void destroy(IOService instance, CreationalContext<IOService> context) {
        // The service belongs to the server, not to the deployment.
    }

    @Override
    public Set<Type> getTypes() {
        return Set.of(IOService.class, Object.class);
    }

    @Override
    public Set<Annotation> getQualifiers() {
        return Set.of(qualifier, Any.Literal.INSTANCE);
    }

    @Override
    public Class<? extends Annotation> getScope() {
        return Dependent.class;
    }

    @Override
    public String getName() {
        return null;
    }

    @Override
    public Set<Class<? extends Annotation>> getStereotypes() {
        return Set.of();
    }

    @Override
    public boolean isAlternative() {
        return false;
    }

    @Override
    public String getId() {
        return id;
    }
}
