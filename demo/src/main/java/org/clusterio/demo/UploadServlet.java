package org.clusterio.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.MultipartConfig;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.Part;

import org.clusterio.api.BinaryFile;
import org.clusterio.api.BinaryFileCreateStruct;
import org.clusterio.api.IOService;

/** The demo page: a form that stores an upload through the IO service and links to it. */
@WebServlet("")
@MultipartConfig(fileSizeThreshold = 1024 * 1024)
public class UploadServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    private IOService io;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        page(response, null, request.getParameter("stored"));
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException, jakarta.servlet.ServletException {
        Part upload = request.getPart("file");
        if (upload == null || upload.getSubmittedFileName() == null || upload.getSubmittedFileName().isBlank()) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            page(response, "Choose a file to upload.", null);
            return;
        }
        String id = "original/demo/" + FileNames.safe(upload.getSubmittedFileName());
        BinaryFile stored;
        try (InputStream content = upload.getInputStream()) {
            stored = io.create(BinaryFileCreateStruct.of(id, content).withSize(upload.getSize()));
        }
        response.setStatus(HttpServletResponse.SC_SEE_OTHER);
        response.setHeader("Location", request.getContextPath() + "/?stored=" + java.net.URLEncoder.encode(stored.id(), java.nio.charset.StandardCharsets.UTF_8));
    }

    private void page(HttpServletResponse response, String error, String storedId) throws IOException {
        response.setContentType("text/html;charset=UTF-8");
        PrintWriter out = response.getWriter();
        out.println("<!DOCTYPE html><html><head><title>cluster-io demo</title></head><body>");
        out.println("<h1>cluster-io demo</h1>");
        if (error != null) {
            out.println("<p style='color:red'>" + Html.escape(error) + "</p>");
        }
        if (storedId != null) {
            out.println("<p>Stored <a id='stored' href='files/" + Html.escape(storedId) + "'>" + Html.escape(storedId) + "</a>.</p>");
        }
        out.println("<form method='post' enctype='multipart/form-data'><input type='file' name='file'> <button>Store</button></form>");
        out.println("<p>Stored files are served at <code>files/&lt;id&gt;</code>, for example "
                + "<code>files/original/demo/photo.jpg</code>.</p>");
        out.println("<p><a href='visits'>visits</a> counts the requests of your session and names the node that served each.</p>");
        out.println("</body></html>");
    }
}
