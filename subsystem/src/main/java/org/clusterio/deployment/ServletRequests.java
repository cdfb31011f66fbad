package org.clusterio.deployment;

import java.util.Optional;

import jakarta.servlet.ServletRequest;
import jakarta.servlet.http.HttpServletRequest;

import io.undertow.servlet.handlers.ServletRequestContext;

import org.clusterio.io.RoutingIOService.RequestCoordinates;

/** The request that Undertow is serving on the current thread, if any. */
final class ServletRequests {

    private ServletRequests() {
    }

    static Optional<RequestCoordinates> current() {
        ServletRequestContext context = ServletRequestContext.current();
        if (context == null) {
            return Optional.empty();
        }
        ServletRequest request = context.getServletRequest();
        if (!(request instanceof HttpServletRequest http)) {
            return Optional.empty();
        }
        String path = http.getRequestURI();
        String contextPath = http.getContextPath();
        if (contextPath != null && !contextPath.isEmpty() && path.startsWith(contextPath)) {
            path = path.substring(contextPath.length());
        }
        return Optional.of(new RequestCoordinates(http.getServerName(), path.isEmpty() ? "/" : path));
    }
}
