package org.clusterio.demo;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

/**
 * A random token per session that every form of the gallery carries back: a page of another site can make the
 * browser post to the gallery with its cookie, but cannot read the token. The session is shared by the cluster
 * (cluster-io-ha), so a form from one node is accepted by the other.
 */
final class CsrfTokens {

    static final String PARAMETER = "csrf";

    private static final String ATTRIBUTE = CsrfTokens.class.getName();
    private static final SecureRandom RANDOM = new SecureRandom();

    private CsrfTokens() {
    }

    /** @return the token of the request's session, created with the session when there is none */
    static String of(HttpServletRequest request) {
        HttpSession session = request.getSession(true);
        String token = (String) session.getAttribute(ATTRIBUTE);
        if (token == null) {
            byte[] random = new byte[24];
            RANDOM.nextBytes(random);
            token = HexFormat.of().formatHex(random);
            session.setAttribute(ATTRIBUTE, token);
        }
        return token;
    }

    /** @return whether the request carries its session's token */
    static boolean accepts(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        String expected = session == null ? null : (String) session.getAttribute(ATTRIBUTE);
        String sent = request.getParameter(PARAMETER);
        return expected != null && sent != null
                && MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), sent.getBytes(StandardCharsets.US_ASCII));
    }
}
