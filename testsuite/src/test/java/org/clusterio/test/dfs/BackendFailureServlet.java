package org.clusterio.test.dfs;

import java.io.IOException;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.clusterio.api.BinaryFile;
import org.clusterio.api.BinaryFileCreateStruct;
import org.clusterio.api.IOBackendException;
import org.clusterio.api.IOService;

/**
 * PUT /api/id stores the body, GET /api/id answers "size" from a metadata lookup (404 when missing), as an
 * application would call the IO service; an {@link IOBackendException} becomes 503 with the exception's class and
 * message as body, so that tests see what the API threw (any other exception stays a 500).
 */
@WebServlet("/api/*")
public class BackendFailureServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    private IOService io;

    @Override
    protected void doPut(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try {
            io.create(BinaryFileCreateStruct.of(request.getPathInfo().substring(1), request.getInputStream()));
            response.setStatus(HttpServletResponse.SC_NO_CONTENT);
        } catch (IOBackendException e) {
            unavailable(response, e);
        }
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try {
            Optional<BinaryFile> file = io.find(request.getPathInfo().substring(1));
            if (file.isEmpty()) {
                response.sendError(HttpServletResponse.SC_NOT_FOUND);
                return;
            }
            response.setContentType("text/plain");
            response.getWriter().write(String.valueOf(file.get().size()));
        } catch (IOBackendException e) {
            unavailable(response, e);
        }
    }

    private static void unavailable(HttpServletResponse response, IOBackendException e) throws IOException {
        response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        response.setContentType("text/plain");
        response.getWriter().write(e.getClass().getSimpleName() + ": " + e.getMessage());
    }
}
