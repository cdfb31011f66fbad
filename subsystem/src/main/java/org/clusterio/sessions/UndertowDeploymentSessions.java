package org.clusterio.sessions;

import jakarta.servlet.ServletContext;

import io.undertow.server.HttpServerExchange;
import io.undertow.server.session.SessionConfig;
import io.undertow.servlet.ServletExtension;
import io.undertow.servlet.api.DeploymentInfo;
import io.undertow.servlet.api.SessionConfigWrapper;
import io.undertow.servlet.handlers.DefaultServlet;
import io.undertow.servlet.handlers.ServletPathMatch;
import io.undertow.servlet.spec.ServletContextImpl;

/**
 * A deployment's sessions as its Undertow servlet container sees them. Registered as a servlet extension of the
 * deployment, which hands it the servlet context before any request; the initial handlers run before the container
 * has matched the request to a servlet, so this class asks the same structures the container will use: its session
 * cookie config (cookie name, URL rewriting, route suffix), its servlet path table and its session manager.
 *
 * <p>{@link #exists} is Undertow's {@code SessionManager.getSession(String)}. With WildFly's distributable session
 * manager it runs a batch of its own: an id that is not well-formed is answered at once, without the cache; a
 * well-formed one is read (metadata and attributes) under the session's lock in the cluster, which is let go when the
 * lookup ends. The lookup therefore waits while another request anywhere holds the session, up to the cache's lock
 * timeout, and also waits for a session whose creation is not stored yet, so that it is found.</p>
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
    public boolean exists(String sessionId) {
        ServletContextImpl servletContext = context();
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(servletContext.getClassLoader()); // attributes are read in the deployment's loader
        try {
            return servletContext.getDeployment().getSessionManager().getSession(sessionId) != null;
        } finally {
            thread.setContextClassLoader(previous);
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
