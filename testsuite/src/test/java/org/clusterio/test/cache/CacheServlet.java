package org.clusterio.test.cache;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.clusterio.api.PersistenceCache;

/**
 * The application cache over HTTP: PUT /cache/key?tags=a,b caches the body, GET /cache/key returns it (404 on a
 * miss), DELETE /cache/key invalidates the key, DELETE /cache?tags=a,b invalidates tags.
 */
@WebServlet("/cache/*")
public class CacheServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    private PersistenceCache cache;

    @Override
    protected void doPut(HttpServletRequest request, HttpServletResponse response) throws IOException {
        cache.put(key(request), new String(request.getInputStream().readAllBytes(), StandardCharsets.UTF_8), tags(request));
        response.setStatus(HttpServletResponse.SC_NO_CONTENT);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Optional<String> value = cache.get(key(request), String.class);
        if (value.isEmpty()) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        response.setContentType("text/plain;charset=UTF-8");
        response.getWriter().write(value.get());
    }

    @Override
    protected void doDelete(HttpServletRequest request, HttpServletResponse response) {
        if (request.getPathInfo() == null || request.getPathInfo().equals("/")) {
            cache.invalidateTags(tags(request));
        } else {
            cache.invalidate(key(request));
        }
        response.setStatus(HttpServletResponse.SC_NO_CONTENT);
    }

    private static String key(HttpServletRequest request) {
        return request.getPathInfo().substring(1);
    }

    private static String[] tags(HttpServletRequest request) {
        String tags = request.getParameter("tags");
        return tags == null || tags.isEmpty() ? new String[0] : tags.split(",");
    }
}
