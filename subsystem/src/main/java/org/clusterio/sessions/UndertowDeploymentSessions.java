package org.clusterio.sessions;

import jakarta.servlet.ServletContext;

import io.undertow.server.HttpServerExchange;
import io.undertow.server.session.Session;
import io.undertow.server.session.SessionConfig;
import io.undertow.servlet.ServletExtension;
import io.undertow.servlet.api.DeploymentInfo;
import io.undertow.servlet.api.SessionConfigWrapper;
import io.undertow.servlet.handlers.DefaultServlet;
import io.undertow.servlet.handlers.ServletPathMatch;
import io.undertow.servlet.handlers.ServletRequestContext;
import io.undertow.servlet.spec.ServletContextImpl;

/**
 * A deployment's sessions as its Undertow servlet container sees them. Registered as a servlet extension of the
 * deployment, which hands it the servlet context before any request; the initial handlers run before the container
 * has matched the request to a servlet, so this class asks the same structures the container will use: its session
 * cookie config (cookie name, URL rewriting, route suffix), its servlet path table and its session manager.
 *
 * <p>{@link #open} is Undertow's {@code SessionManager.getSession(exchange, config)}, the call the servlet container
 * makes at the request's first {@code getSession} and, for every request that reaches a servlet, when it records the
 * access at the request's end. WildFly's distributable session manager keeps the session it finds on the exchange and
 * answers the container's later calls with it: the request reads its session once, in its own batch. An id that is not
 * well-formed is answered at once, without the cache; a well-formed one is read (metadata and attributes) under the
 * session's lock in the cluster, held until the request's changes are stored. Opening therefore waits while another
 * request anywhere holds the session, up to the cache's lock timeout, and also for a session whose creation is not
 * stored yet, so that it is found.</p>
 */
public final class UndertowDeploymentSessions implements DeploymentSessions, ServletExtension {

    private volatile ServletContextImpl context;

    private volatile SessionConfigWrapper sessionConfigWrapper;

    /** Built at the first request, once the deployment is complete. */
    private volatile SessionConfig sessionConfig;

    @Override
    public void handleDeployment(DeploymentInfo deploymentInfo, ServletContext servletContext) {
        this.sessionConfigWrapper = deploymentInfo.getSessionConfigWrapper();
        this.context = (ServletContextImpl) servletContext;
    }

    @Override
    public String requestedSessionId(HttpServerExchange exchange) {
        String id = sessionConfig().findSessionId(exchange);
        return id == null || id.isEmpty() ? null : id;
    }

    /**
     * The container's own {@code getSessionConfig()} reads the servlet request context, which does not exist yet in
     * an initial handler; it delegates to the session cookie config (with its URL rewriting fallback) wrapped by the
     * deployment's session config wrapper (distributable-web's, which takes a route suffix off the id): the same
     * chain, built here once. With a route, that wrapper re-issues the cookie of an id whose route is not this
     * node's, as it does when the application reads the session; the locking mode's profiles have no route.
     */
    private SessionConfig sessionConfig() {
        SessionConfig current = sessionConfig;
        if (current == null) {
            ServletContextImpl servletContext = context();
            SessionConfig cookies = servletContext.getSessionCookieConfig();
            SessionConfigWrapper wrapper = sessionConfigWrapper;
            current = wrapper == null ? cookies : wrapper.wrap(cookies, servletContext.getDeployment());
            sessionConfig = current;
        }
        return current;
    }

    @Override
    public boolean servedByDefaultServlet(HttpServerExchange exchange) {
        ServletPathMatch match = context().getDeployment().getServletPaths().getServletHandlerByPath(exchange.getRelativePath());
        return match != null && DefaultServlet.class.isAssignableFrom(match.getServletChain().getManagedServlet().getServletInfo().getServletClass());
    }

    @Override
    public OpenedSession open(HttpServerExchange exchange, String sessionId) {
        ServletContextImpl servletContext = context();
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(servletContext.getClassLoader()); // attributes are read in the deployment's loader
        try {
            Session session = servletContext.getDeployment().getSessionManager().getSession(exchange, new OpeningSessionConfig(sessionId, servletContext.getSessionConfig()));
            return session == null ? null : session::requestDone;
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /**
     * The servlet context's own session config, which the session keeps for its later cookie changes (invalidation,
     * a changed id), but for the id of the request: the servlet context's config reads it from the servlet request
     * context, which does not exist before the servlet machinery runs, so until then it is the id this class found.
     */
    private record OpeningSessionConfig(String sessionId, SessionConfig servletConfig) implements SessionConfig {

        @Override
        public String findSessionId(HttpServerExchange exchange) {
            return exchange.getAttachment(ServletRequestContext.ATTACHMENT_KEY) == null ? sessionId : servletConfig.findSessionId(exchange);
        }

        @Override
        public void setSessionId(HttpServerExchange exchange, String id) {
            servletConfig.setSessionId(exchange, id);
        }

        @Override
        public void clearSession(HttpServerExchange exchange, String id) {
            servletConfig.clearSession(exchange, id);
        }

        @Override
        public SessionCookieSource sessionCookieSource(HttpServerExchange exchange) {
            return servletConfig.sessionCookieSource(exchange);
        }

        @Override
        public String rewriteUrl(String originalUrl, String id) {
            return servletConfig.rewriteUrl(originalUrl, id);
        }
    }

    private ServletContextImpl context() {
        ServletContextImpl current = context;
        if (current == null) {
            throw new IllegalStateException("The deployment's servlet context is not known yet");
        }
        return current;
    }
}
