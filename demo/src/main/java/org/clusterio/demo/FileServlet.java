package org.clusterio.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.clusterio.api.BinaryFile;
import org.clusterio.api.IOService;
import org.clusterio.api.InvalidBinaryFileIdException;
import org.clusterio.api.ServingPolicy;

/**
 * Streams a stored file: {@code GET files/<id>}, under the same {@link ServingPolicy} as the storage filter, since the
 * demo serves its uploads from its own origin: nosniff and a sandboxing Content-Security-Policy on every answer, and
 * anything but images, audio, video and plain text as a download.
 */
@WebServlet("/files/*")
public class FileServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    private IOService io;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        ServingPolicy.DEFAULT.headers().forEach(response::setHeader);
        String path = request.getPathInfo();
        if (path == null || path.length() < 2) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        Optional<BinaryFile> file;
        try {
            file = io.find(path.substring(1));
        } catch (InvalidBinaryFileIdException e) {
            response.sendError(HttpServletResponse.SC_BAD_REQUEST, e.getMessage());
            return;
        }
        if (file.isEmpty()) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        response.setContentType(file.get().mimeType());
        ServingPolicy.DEFAULT.contentHeaders(file.get().mimeType()).forEach(response::setHeader);
        response.setContentLengthLong(file.get().size());
        try (InputStream in = io.open(file.get()); OutputStream out = response.getOutputStream()) {
            in.transferTo(out);
        }
    }
}
