package org.clusterio.demo;

import java.io.IOException;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

/**
 * {@code GET visits}: counts the requests of the caller's session and says which node served this one. On a cluster
 * provisioned with cluster-io-ha the count goes on whichever node serves the request.
 */
@WebServlet("/visits")
public class VisitsServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        HttpSession session = request.getSession(true);
        Integer visits = (Integer) session.getAttribute("visits");
        int now = visits == null ? 1 : visits + 1;
        session.setAttribute("visits", now);
        response.setContentType("text/plain;charset=UTF-8");
        response.getWriter().write("visits " + now + ", served by " + System.getProperty("jboss.node.name") + "\n");
    }
}
