package org.clusterio.test.sessions;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.clusterio.test.support.CounterServlet;

/**
 * A request that hangs, as a slow upload or a slow page does. GET /hang?name=n hangs until GET /hang?release=n (at
 * most {@value #MAX_HANG_SECONDS} s); with {@code session=true} it first increments the counter of its session (as
 * {@link CounterServlet} does) and answers the count. GET /hang?entered=n answers whether request n is hanging now.
 * GET /hang alone answers at once and never touches a session.
 */
@WebServlet("/hang")
public class HangingServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private static final long MAX_HANG_SECONDS = 20;

    private static final Map<String, CountDownLatch> HANGING = new ConcurrentHashMap<>();

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/plain");
        if (request.getParameter("release") != null) {
            CountDownLatch hanging = HANGING.remove(request.getParameter("release"));
            response.getWriter().write(String.valueOf(hanging != null));
            if (hanging != null) {
                hanging.countDown();
            }
            return;
        }
        if (request.getParameter("entered") != null) {
            response.getWriter().write(String.valueOf(HANGING.containsKey(request.getParameter("entered"))));
            return;
        }
        String name = request.getParameter("name");
        if (name == null) {
            response.getWriter().write("at once");
            return;
        }
        String answer = "hung";
        if (request.getParameter("session") != null) {
            HttpSession session = request.getSession(true);
            Integer count = (Integer) session.getAttribute("counter");
            int next = count == null ? 1 : count + 1;
            session.setAttribute("counter", next);
            answer = String.valueOf(next);
        }
        CountDownLatch release = new CountDownLatch(1);
        HANGING.put(name, release);
        try {
            release.await(MAX_HANG_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            HANGING.remove(name, release);
        }
        response.getWriter().write(answer);
    }
}
