package org.clusterio.web;

import java.util.Locale;

import org.jboss.as.controller.ControlledProcessState;
import org.jboss.as.controller.ProcessStateNotifier;
import org.jboss.as.server.suspend.SuspensionStateProvider;

/**
 * Readiness from the server's own state: ready while it runs (also when a reload or restart is pending) and is not
 * suspended. So a load balancer stops sending requests to a server as soon as it is suspended ({@code :suspend}, or
 * the start of a graceful shutdown), and before its deployments go away.
 */
public record ServerStateReadiness(ProcessStateNotifier process, SuspensionStateProvider suspension) implements ServerReadiness {

    @Override
    public String notReadyBecause() {
        ControlledProcessState.State state = process.getCurrentState();
        switch (state) {
            case RUNNING, RELOAD_REQUIRED, RESTART_REQUIRED -> {
                SuspensionStateProvider.State suspended = suspension.getState();
                return suspended == SuspensionStateProvider.State.RUNNING ? null : suspended.toString().toLowerCase(Locale.ENGLISH);
            }
            default -> {
                return state.toString().toLowerCase(Locale.ENGLISH);
            }
        }
    }
}
