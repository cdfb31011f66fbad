package org.clusterio.subsystem;

import java.util.EnumSet;

import org.jboss.as.controller.OperationContext;
import org.jboss.as.controller.OperationFailedException;
import org.jboss.as.controller.access.Action;
import org.jboss.as.controller.access.constraint.SensitivityClassification;
import org.jboss.as.controller.access.management.SensitiveTargetAccessConstraintDefinition;
import org.jboss.dmr.ModelNode;

/**
 * Who may run an operation that writes the stores' data (the files and their metadata) rather than the management
 * model, such as {@code :migrate-files}.
 * <p>
 * Such an operation is registered runtime-only and not read-only, so WildFly's RBAC asks for write-runtime
 * permission: that alone would admit the Operator role, whose charter is runtime state that a restart forgets
 * (suspend, flush a pool), not data every node shares and keeps. A runtime-only operation cannot require
 * write-config permission (dropping runtime-only would make WildFly refuse it on the servers of a managed domain,
 * WFLYCTL0249), so the stricter line is a sensitivity classification of the project's own,
 * {@value #CLASSIFICATION} (type {@code cluster-io}), which requires the sensitive-write permission: by default
 * Administrator and SuperUser only. An installation may relax it with the classification's
 * {@code configured-requires-write=false} (then every role with write-runtime permission runs it) under
 * {@code /core-service=management/access=authorization/constraint=sensitivity-classification/type=cluster-io}.
 * <p>
 * WildFly authorizes an operation's effects as its handler reaches for them (a resource for update, the service
 * registry for modification). A handler that writes through services it already holds reaches for none of them, so
 * it must ask for write-runtime permission itself: {@link #authorizeWrite} before anything runs.
 */
final class StoreDataAccess {

    static final String CLASSIFICATION = "cluster-io-data";

    /** Not hidden (addressable), readable by every role, writable only with sensitive-write permission. */
    static final SensitiveTargetAccessConstraintDefinition WRITES_STORE_DATA = new SensitiveTargetAccessConstraintDefinition(
            new SensitivityClassification(ClusterIOSubsystemResourceDefinitionRegistrar.REGISTRATION.getName(), CLASSIFICATION, false, false, true));

    /**
     * Refuses the operation with WildFly's own authorization failure (WFLYCTL0313) unless the caller's roles may
     * write store data.
     */
    static void authorizeWrite(OperationContext context, ModelNode operation) throws OperationFailedException {
        context.authorize(operation, EnumSet.of(Action.ActionEffect.WRITE_RUNTIME)).failIfDenied(operation, context.getCurrentAddress());
    }

    private StoreDataAccess() {
    }
}
