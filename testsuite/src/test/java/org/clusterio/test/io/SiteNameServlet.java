package org.clusterio.test.io;

import java.io.IOException;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.clusterio.api.IOService;

/** Answers which site the injected IO service routes this request to, and where it would store an id. */
@WebServlet({ "/which/*", "/admin/which/*" })
public class SiteNameServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    private IOService io;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/plain");
        response.getWriter().print(io.siteName() + " " + io.internalPath("images/x.jpg"));
    }
}
