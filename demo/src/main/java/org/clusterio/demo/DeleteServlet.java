package org.clusterio.demo;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.clusterio.api.IOService;
import org.clusterio.api.InvalidBinaryFileIdException;

/**
 * {@code POST delete} with {@code id} and the session's form token: deletes one image of the gallery and goes back to
 * it. Only ids below {@code images/demo/} are the gallery's to delete.
 */
@WebServlet("/delete")
public class DeleteServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    private IOService io;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!CsrfTokens.accepts(request)) {
            response.sendError(HttpServletResponse.SC_FORBIDDEN, "This form has expired: reload the gallery and try again.");
            return;
        }
        String id = request.getParameter("id");
        if (id == null || !id.startsWith(FileNames.DIRECTORY + "/")) {
            response.sendError(HttpServletResponse.SC_BAD_REQUEST, "Only the gallery's images can be deleted here.");
            return;
        }
        try {
            io.find(id).ifPresent(io::delete);
        } catch (InvalidBinaryFileIdException e) {
            response.sendError(HttpServletResponse.SC_BAD_REQUEST, "Only the gallery's images can be deleted here.");
            return;
        }
        response.setStatus(HttpServletResponse.SC_SEE_OTHER);
        response.setHeader("Location", request.getContextPath() + "/?deleted=" + URLEncoder.encode(id, StandardCharsets.UTF_8));
    }
}
