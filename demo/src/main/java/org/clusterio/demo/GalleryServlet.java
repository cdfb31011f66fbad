package org.clusterio.demo;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.MultipartConfig;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.Part;

import org.clusterio.api.BinaryFile;
import org.clusterio.api.BinaryFileCreateStruct;
import org.clusterio.api.IOService;
import org.clusterio.api.PersistenceCache;

/**
 * The gallery: {@code GET /} shows one page of the stored images, {@code POST /} stores an uploaded image under
 * {@code images/demo/}. An upload that is refused stores nothing and gets the page back with the reason and the status
 * that fits: 400 (no file, a hostile name), 403 (no valid form token), 413 (too large), 415 (not an image).
 */
@WebServlet("")
// No maxRequestSize: a request beyond it makes Undertow close the connection, so that a browser sees no answer at all.
// A file beyond maxFileSize is answered (413), and what follows it is read and dropped; the server's max-post-size
// (10 MB by default) bounds the request as a whole.
@MultipartConfig(fileSizeThreshold = 1024 * 1024, maxFileSize = GalleryServlet.MAX_IMAGE_BYTES)
public class GalleryServlet extends HttpServlet {

    static final long MAX_IMAGE_BYTES = 5L * 1024 * 1024;

    private static final long serialVersionUID = 1L;

    @Inject
    private IOService io;

    @Inject
    private PersistenceCache cache;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Notice notice = null;
        if (request.getParameter("stored") != null) {
            notice = Notice.done("Stored " + FileNames.displayName(request.getParameter("stored")) + ".");
        } else if (request.getParameter("deleted") != null) {
            notice = Notice.done("Deleted " + FileNames.displayName(request.getParameter("deleted")) + ".");
        }
        int pageSize = GalleryListing.bounded(request.getParameter("size"), GalleryListing.DEFAULT_PAGE_SIZE, 1, GalleryListing.MAX_PAGE_SIZE);
        int page = GalleryListing.bounded(request.getParameter("page"), 0, 0, Integer.MAX_VALUE / GalleryListing.MAX_PAGE_SIZE);
        page(request, response, HttpServletResponse.SC_OK, notice, GalleryListing.read(io, page, pageSize));
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException, ServletException {
        Part upload;
        try {
            upload = request.getPart("file");
        } catch (IllegalStateException e) { // what the servlet specification throws for a part beyond maxFileSize
            refuse(request, response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE,
                    "That file is too large: images of up to " + MAX_IMAGE_BYTES / (1024 * 1024) + " MiB are accepted.");
            return;
        }
        if (!CsrfTokens.accepts(request)) {
            refuse(request, response, HttpServletResponse.SC_FORBIDDEN, "This form has expired: upload the image again from this page.");
            return;
        }
        String name = upload == null ? null : upload.getSubmittedFileName();
        if (name == null || name.isBlank() || upload.getSize() == 0) {
            refuse(request, response, HttpServletResponse.SC_BAD_REQUEST, "Choose an image to upload.");
            return;
        }
        Optional<String> problem = FileNames.problemWith(name);
        if (problem.isPresent()) {
            refuse(request, response, HttpServletResponse.SC_BAD_REQUEST, "The file name '" + name + "' is refused: " + problem.get() + ".");
            return;
        }
        Optional<String> extension;
        try (InputStream head = upload.getInputStream()) {
            extension = ImageTypes.extensionOf(head);
        }
        if (extension.isEmpty()) {
            refuse(request, response, HttpServletResponse.SC_UNSUPPORTED_MEDIA_TYPE, name + " is not a PNG, JPEG, GIF or WebP image.");
            return;
        }
        BinaryFile stored;
        try (InputStream content = upload.getInputStream()) {
            stored = io.create(BinaryFileCreateStruct.of(FileNames.newId(name, extension.get()), content).withSize(upload.getSize()));
        }
        response.setStatus(HttpServletResponse.SC_SEE_OTHER);
        response.setHeader("Location", request.getContextPath() + "/?stored=" + URLEncoder.encode(stored.id(), StandardCharsets.UTF_8));
    }

    /** The first page again with the reason; it reads no parameter, which would parse a refused body once more. */
    private void refuse(HttpServletRequest request, HttpServletResponse response, int status, String reason) throws IOException {
        page(request, response, status, Notice.refused(reason), GalleryListing.read(io, 0, GalleryListing.DEFAULT_PAGE_SIZE));
    }

    private void page(HttpServletRequest request, HttpServletResponse response, int status, Notice notice, GalleryListing listing) throws IOException {
        GalleryPage.Server server = new GalleryPage.Server(System.getProperty("jboss.node.name"), cache.members(), io.siteName(), io.handlers());
        response.setStatus(status);
        response.setContentType("text/html;charset=UTF-8");
        response.setHeader("Cache-Control", "no-store");
        new GalleryPage(request.getContextPath(), CsrfTokens.of(request)).write(response.getWriter(), server, listing, notice);
    }
}
