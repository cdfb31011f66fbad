package org.clusterio.demo;

import java.io.PrintWriter;
import java.util.List;
import java.util.regex.Pattern;

import org.clusterio.api.BinaryFile;
import org.clusterio.api.SiteHandlers;

/** Writes the gallery's HTML: what runs where, the upload form, one page of images with their delete buttons, the pager. */
final class GalleryPage {

    private static final Pattern ABSOLUTE_URL = Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]*:)?//.*");

    /** Who answers and from where: the node, the cluster's members (empty on a single server), the site and its handlers. */
    record Server(String node, List<String> members, String site, SiteHandlers handlers) {
    }

    private final String contextPath;
    private final String csrfToken;

    GalleryPage(String contextPath, String csrfToken) {
        this.contextPath = contextPath;
        this.csrfToken = csrfToken;
    }

    void write(PrintWriter out, Server server, GalleryListing listing, Notice notice) {
        out.println("<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>cluster-io gallery</title>");
        out.println("<meta name='viewport' content='width=device-width, initial-scale=1'>");
        out.println("<link rel='stylesheet' href='" + Html.escape(contextPath) + "/gallery.css'></head><body>");
        out.println("<header><h1>cluster-io gallery</h1><p>Images stored once, in the cluster storage, and served by whichever node you reach.</p></header>");
        writeServer(out, server);
        out.println("<main>");
        if (notice != null) {
            out.println("<p id='notice' class='" + (notice.problem() ? "notice problem" : "notice") + "'>" + Html.escape(notice.text()) + "</p>");
        }
        out.println("<form id='upload' method='post' enctype='multipart/form-data' action='" + Html.escape(contextPath) + "/'>");
        out.println(csrfField() + "<input type='file' name='file' accept='image/png,image/jpeg,image/gif,image/webp'>");
        out.println("<button>Upload</button><span class='hint'>PNG, JPEG, GIF or WebP, up to " + GalleryServlet.MAX_IMAGE_BYTES / (1024 * 1024) + " MiB</span></form>");
        writeImages(out, listing);
        writePager(out, listing);
        out.println("</main><footer>Each image is an <code>&lt;img&gt;</code> whose URI the IO service hands out (<code>BinaryFile.uri()</code>): "
                + "the storage filter answers it from the cluster storage, before any servlet. <a href='" + Html.escape(contextPath)
                + "/visits'>visits</a> counts the requests of your session.</footer>");
        out.println("</body></html>");
    }

    private void writeServer(PrintWriter out, Server server) {
        out.println("<section id='server' class='server'><dl>");
        out.println("<div><dt>served by</dt><dd id='node'>" + Html.escape(server.node()) + "</dd></div>");
        String members = server.members().isEmpty() ? "this server only" : String.join(", ", server.members());
        out.println("<div><dt>cluster</dt><dd id='members'>" + Html.escape(members) + "</dd></div>");
        out.println("<div><dt>site</dt><dd id='site'>" + Html.escape(server.site()) + "</dd></div>");
        SiteHandlers handlers = server.handlers();
        out.println("<div><dt>metadata</dt><dd id='metadata-handler'>" + Html.escape(handlers.metadataHandlerType() + "=" + handlers.metadataHandler()) + "</dd></div>");
        out.println("<div><dt>binary data</dt><dd id='binarydata-handler'>" + Html.escape(handlers.binarydataHandlerType() + "=" + handlers.binarydataHandler()) + "</dd></div>");
        out.println("</dl></section>");
    }

    private void writeImages(PrintWriter out, GalleryListing listing) {
        if (listing.files().isEmpty()) {
            out.println("<p class='empty'>" + (listing.page() == 0 ? "No images yet: upload the first one." : "No images on this page.") + "</p>");
            return;
        }
        out.println("<ul id='images' class='images'>");
        for (BinaryFile file : listing.files()) {
            String name = FileNames.displayName(file.id());
            out.println("<li class='image'><img src='" + Html.escape(src(file)) + "' alt='" + Html.escape(name) + "' loading='lazy'>");
            out.println("<div class='caption'><span class='name' title='" + Html.escape(file.id()) + "'>" + Html.escape(name) + "</span>"
                    + "<span class='size'>" + kibibytes(file.size()) + "</span>");
            out.println("<form method='post' action='" + Html.escape(contextPath) + "/delete'>" + csrfField()
                    + "<input type='hidden' name='id' value='" + Html.escape(file.id()) + "'><button class='delete'>Delete</button></form></div></li>");
        }
        out.println("</ul>");
    }

    private void writePager(PrintWriter out, GalleryListing listing) {
        if (!listing.hasPrevious() && !listing.hasNext()) {
            return;
        }
        out.println("<nav class='pager'>");
        if (listing.hasPrevious()) {
            out.println("<a id='previous' href='" + Html.escape(pageLink(listing, listing.page() - 1)) + "'>&larr; Previous</a>");
        }
        out.println("<span id='page'>page " + (listing.page() + 1) + "</span>");
        if (listing.hasNext()) {
            out.println("<a id='next' href='" + Html.escape(pageLink(listing, listing.page() + 1)) + "'>Next &rarr;</a>");
        }
        out.println("</nav>");
    }

    private String pageLink(GalleryListing listing, int page) {
        String size = listing.pageSize() == GalleryListing.DEFAULT_PAGE_SIZE ? "" : "&size=" + listing.pageSize();
        return contextPath + "/?page=" + page + size;
    }

    /** A relative URI is a path of this application (the storage filter's); an absolute url-prefix (a CDN) is used as it is. */
    private String src(BinaryFile file) {
        return ABSOLUTE_URL.matcher(file.uri()).matches() ? file.uri() : contextPath + file.uri();
    }

    private String csrfField() {
        return "<input type='hidden' name='" + CsrfTokens.PARAMETER + "' value='" + Html.escape(csrfToken) + "'>";
    }

    private static String kibibytes(long size) {
        return size < 1024 ? size + " B" : (size + 1023) / 1024 + " KiB";
    }
}
