package org.clusterio.deployment;

import java.util.Optional;

import jakarta.servlet.ServletRequest;
import jakarta.servlet.http.HttpServletRequest;

import io.undertow.servlet.handlers.ServletRequestContext;

import org.clusterio.api.InvalidBinaryFileIdException;
import org.clusterio.io.RoutingIOService.RequestCoordinates;
import org.clusterio.logging.ClusterIOLogger;
import org.clusterio.web.RequestPaths;

/**
 * The request that Undertow is serving on the current thread, if any, with the path sites are routed on: the path the
 * container mapped to a servlet and checked security constraints against (servlet path and path info: decoded once,
 * path parameters such as {@code ;jsessionid=} taken off), so that a site's uri-prefix and a {@code <url-pattern>} of
 * the same path always agree. The raw URI would not: {@code /admin;x/upload} and {@code /%61dmin/upload} reach the
 * servlet of {@code /admin/*} but do not start with {@code /admin/}.
 */
final class ServletRequests {

    private ServletRequests() {
    }

    /** @throws InvalidBinaryFileIdException when the decoded path still holds dot segments (sent encoded), so matches no site safely */
    static Optional<RequestCoordinates> current() {
        ServletRequestContext context = ServletRequestContext.current();
        if (context == null) {
            return Optional.empty();
        }
        ServletRequest request = context.getServletRequest();
        if (!(request instanceof HttpServletRequest http)) {
            return Optional.empty();
        }
        String decoded = http.getServletPath() + (http.getPathInfo() == null ? "" : http.getPathInfo());
        String path = RequestPaths.plain(decoded).orElseThrow(() -> new InvalidBinaryFileIdException(ClusterIOLogger.DEPLOYMENT_LOGGER.hostileRequestPath(decoded)));
        return Optional.of(new RequestCoordinates(http.getServerName(), path.isEmpty() ? "/" : path));
    }
}
