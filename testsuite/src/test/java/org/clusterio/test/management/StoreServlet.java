package org.clusterio.test.management;

import java.io.IOException;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.clusterio.api.BinaryFileCreateStruct;
import org.clusterio.api.IOService;
import org.clusterio.api.Site;

/** Stores the request body in site "reloadable" under the id given as parameter. (The site name is a constant: this WAR ships no setup class.) */
@WebServlet("/store")
public class StoreServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    @Site("reloadable")
    private IOService io;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        io.create(BinaryFileCreateStruct.of(request.getParameter("id"), request.getInputStream()));
        response.setStatus(HttpServletResponse.SC_NO_CONTENT);
    }
}
