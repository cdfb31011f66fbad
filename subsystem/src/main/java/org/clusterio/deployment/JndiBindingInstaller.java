package org.clusterio.deployment;

import java.util.function.Consumer;

import org.jboss.as.controller.OperationContext;
import org.jboss.as.naming.ManagedReferenceInjector;
import org.jboss.as.naming.ServiceBasedNamingStore;
import org.jboss.as.naming.deployment.ContextNames;
import org.jboss.as.naming.service.BinderService;
import org.jboss.msc.service.ServiceController;
import org.jboss.msc.service.ServiceName;
import org.wildfly.subsystem.service.ResourceServiceInstaller;

/**
 * Binds the value of a service in JNDI, for deployments that use {@code @Resource(lookup = ...)}. The naming
 * subsystem's binder still works with injectors, hence the older MSC API here and nowhere else.
 */
public final class JndiBindingInstaller implements ResourceServiceInstaller {

    private final String jndiName;
    private final ServiceName valueService;

    public JndiBindingInstaller(String jndiName, ServiceName valueService) {
        this.jndiName = jndiName;
        this.valueService = valueService;
    }

    @SuppressWarnings("deprecation")
    @Override
    public Consumer<OperationContext> install(OperationContext context) {
        ContextNames.BindInfo bindInfo = ContextNames.bindInfoFor(jndiName);
        BinderService binder = new BinderService(bindInfo.getBindName());
        ServiceController<?> controller = context.getServiceTarget().addService(bindInfo.getBinderServiceName(), binder)
                .addAliases(ContextNames.JAVA_CONTEXT_SERVICE_NAME.append(jndiName))
                .addDependency(valueService, Object.class, new ManagedReferenceInjector<>(binder.getManagedObjectInjector()))
                .addDependency(bindInfo.getParentContextServiceName(), ServiceBasedNamingStore.class, binder.getNamingStoreInjector())
                .setInitialMode(ServiceController.Mode.PASSIVE)
                .install();
        return removal -> removal.removeService(controller);
    }
}
