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

/**
 * A bean of a deployment for a value the server owns: an IO service ({@code @Default} or {@code @Site(name)}) or a
 * persistence cache. Its bean class is the API interface on purpose: Weld files a bean under the bean archive of its
 * bean class, and the API module is a bean archive that every deployment sees (a bean built with
 * {@code AfterBeanDiscovery.addBean()} would land in the extension's own archive, invisible to the deployment). The
 * value outlives the deployment, so the bean hands it out and never destroys it.
 */
final class ServerValueBean<T> implements Bean<T>, PassivationCapable {

    private final Class<T> type;
    private final T value;
    private final Annotation qualifier;
    private final String id;

    ServerValueBean(Class<T> type, T value, Annotation qualifier, String id) {
        this.type = type;
        this.value = value;
        this.qualifier = qualifier;
        this.id = type.getName() + "#" + id;
    }

    @Override
    public Class<?> getBeanClass() {
        return type;
    }

    @Override
    public Set<InjectionPoint> getInjectionPoints() {
        return Set.of();
    }

    @Override
    public T create(CreationalContext<T> context) {
        return value;
    }

    @Override
    public void destroy(T instance, CreationalContext<T> context) {
        // The value belongs to the server, not to the deployment.
    }

    @Override
    public Set<Type> getTypes() {
        return Set.of(type, Object.class);
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
