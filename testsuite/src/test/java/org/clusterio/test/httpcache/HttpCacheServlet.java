package org.clusterio.test.httpcache;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.clusterio.api.HttpCache;
import org.clusterio.api.IOService;

/**
 * What an application does with the shared HTTP cache: {@code GET /app/page} is a cacheable page tagged
 * {@code app-page} whose body changes on every render; {@code POST /app/purge?tag=t} purges a tag through the API;
 * {@code DELETE /app/directory/<path>} deletes a directory of stored files.
 */
@WebServlet("/app/*")
public class HttpCacheServlet extends HttpServlet {

    static final String PAGE_TAG = "app-page";

    private static final long serialVersionUID = 1L;

    private static final AtomicLong RENDERS = new AtomicLong();

    @Inject
    private HttpCache httpCache;

    @Inject
    private IOService io;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("Cache-Control", "public, max-age=600");
        response.setHeader(httpCache.tagHeader(), httpCache.tagHeaderValue(List.of(PAGE_TAG)));
        response.setContentType("text/plain");
        response.getWriter().print("render " + RENDERS.incrementAndGet() + " on " + System.getProperty("jboss.node.name"));
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) {
        httpCache.purgeTags(List.of(request.getParameter("tag")));
        response.setStatus(HttpServletResponse.SC_NO_CONTENT);
    }

    @Override
    protected void doDelete(HttpServletRequest request, HttpServletResponse response) {
        io.deleteDirectory(request.getPathInfo().substring("/directory/".length()));
        response.setStatus(HttpServletResponse.SC_NO_CONTENT);
    }
}
