package org.clusterio.web;

import java.util.Optional;

/**
 * Request paths as the servlet container sees them. Undertow (like every servlet container) takes {@code ;}
 * parameters off every segment of the path before it maps servlets: {@code /images;v=1/a.jpg;jsessionid=x} is
 * {@code /images/a.jpg}. Only a literal {@code ;} starts a parameter; an encoded one ({@code %3B}) is part of the name.
 */
public final class RequestPaths {

    private RequestPaths() {
    }

    /** @return the still percent-encoded path without its segments' path parameters */
    public static String withoutPathParameters(String path) {
        int semicolon = path.indexOf(';');
        if (semicolon < 0) {
            return path;
        }
        StringBuilder stripped = new StringBuilder(path.length());
        int start = 0;
        while (semicolon >= 0) {
            stripped.append(path, start, semicolon);
            int slash = path.indexOf('/', semicolon);
            start = slash < 0 ? path.length() : slash;
            semicolon = path.indexOf(';', start);
        }
        return stripped.append(path, start, path.length()).toString();
    }

    /**
     * A path that routing may match: the container's decoded path, which must not hold {@code .} or {@code ..}
     * segments, backslashes or control characters (the container leaves encoded ones, {@code %2e%2e}, in it).
     *
     * @return the path when it is plain, empty when it is hostile
     */
    public static Optional<String> plain(String decodedPath) {
        for (int i = 0; i < decodedPath.length(); i++) {
            char c = decodedPath.charAt(i);
            if (c < 0x20 || c == 0x7f || c == '\\') {
                return Optional.empty();
            }
        }
        for (String segment : decodedPath.split("/", -1)) {
            if (segment.equals(".") || segment.equals("..")) {
                return Optional.empty();
            }
        }
        return Optional.of(decodedPath);
    }
}
