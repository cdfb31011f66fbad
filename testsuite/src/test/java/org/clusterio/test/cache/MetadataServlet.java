package org.clusterio.test.cache;

import java.io.IOException;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.clusterio.api.BinaryFile;
import org.clusterio.api.IOService;

/** GET /metadata/id answers "size mime-type" from a metadata lookup alone (404 when missing), never reading bytes. */
@WebServlet("/metadata/*")
public class MetadataServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    private IOService io;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Optional<BinaryFile> file = io.find(request.getPathInfo().substring(1));
        if (file.isEmpty()) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        response.setContentType("text/plain");
        response.getWriter().write(file.get().size() + " " + file.get().mimeType());
    }
}
