package org.clusterio.health;

import java.lang.reflect.Constructor;
import java.util.Map;

import org.jboss.dmr.ModelNode;
import org.wildfly.extension.health.ServerProbe;

/**
 * A check as one of the probes of WildFly's {@code health} subsystem, which answers {@code /health/ready} on the
 * management interface when MicroProfile Health is not installed. The subsystem's probe interface is public, but the
 * outcome it returns has no public constructor (WildFly's own probes are its only ones): this adapter reaches that
 * constructor once, reflectively, and reports its check DOWN with the reason if it cannot.
 */
final class ServerProbeAdapter implements ServerProbe {

    private static final Constructor<Outcome> OUTCOME = outcomeConstructor();

    private final BoundedCheck check;

    ServerProbeAdapter(BoundedCheck check) {
        this.check = check;
    }

    /** @return whether outcomes can be built: if not, registering probes is pointless and the caller logs why */
    static boolean outcomesAvailable() {
        return OUTCOME != null;
    }

    BoundedCheck check() {
        return check;
    }

    @Override
    public String getName() {
        return check.name();
    }

    @Override
    public Outcome getOutcome() {
        CheckResult result = check.check();
        ModelNode data = new ModelNode();
        for (Map.Entry<String, String> entry : result.data().entrySet()) {
            data.get(entry.getKey()).set(entry.getValue());
        }
        try {
            return OUTCOME.newInstance(result.up(), data);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Constructor<Outcome> outcomeConstructor() {
        try {
            Constructor<Outcome> constructor = Outcome.class.getDeclaredConstructor(boolean.class, ModelNode.class);
            constructor.setAccessible(true);
            return constructor;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
