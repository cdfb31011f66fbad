package org.clusterio.test.support;

import java.io.IOException;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

/**
 * GET /counter increments a counter in the session and answers "count node". It reads and writes the attribute
 * without any synchronisation of its own, as applications do: only the session sharing can keep increments from
 * being lost. GET /counter?peek=true answers the count without changing it; GET /counter?unserializable=true puts
 * an attribute that cannot be shared.
 */
@WebServlet("/counter")
public class CounterServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    /** An attribute value that a shared session cannot replicate. */
    public static final class Unserializable {
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        HttpSession session = request.getSession(true);
        if (request.getParameter("unserializable") != null) {
            try {
                session.setAttribute("thing", new Unserializable());
            } catch (IllegalArgumentException e) {
                response.setStatus(HttpServletResponse.SC_INTERNAL_SERVER_ERROR);
                response.getWriter().write(String.valueOf(e));
            }
            return;
        }
        Integer count = (Integer) session.getAttribute("counter");
        response.setContentType("text/plain");
        if (request.getParameter("peek") != null) {
            response.getWriter().write(count + " " + System.getProperty("jboss.node.name"));
            return;
        }
        int next = count == null ? 1 : count + 1;
        Thread.yield(); // widen the window between the read and the write
        session.setAttribute("counter", next);
        response.getWriter().write(next + " " + System.getProperty("jboss.node.name"));
    }
}
