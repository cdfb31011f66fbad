package org.clusterio.test.support;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.clusterio.api.BinaryFile;
import org.clusterio.api.BinaryFileCreateStruct;
import org.clusterio.api.IOService;

/** PUT stores the body under the id after /files/, GET returns it (404 when missing), DELETE deletes it. */
@WebServlet("/files/*")
public class FilesServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    private IOService io;

    @Override
    protected void doPut(HttpServletRequest request, HttpServletResponse response) throws IOException {
        io.create(BinaryFileCreateStruct.of(request.getPathInfo().substring(1), request.getInputStream()));
        response.setStatus(HttpServletResponse.SC_NO_CONTENT);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Optional<BinaryFile> file = io.find(request.getPathInfo().substring(1));
        if (file.isEmpty()) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        response.setContentType(file.get().mimeType());
        try (InputStream in = io.open(file.get())) {
            in.transferTo(response.getOutputStream());
        }
    }

    @Override
    protected void doDelete(HttpServletRequest request, HttpServletResponse response) {
        io.find(request.getPathInfo().substring(1)).ifPresent(io::delete);
        response.setStatus(HttpServletResponse.SC_NO_CONTENT);
    }
}
