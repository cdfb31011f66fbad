package org.clusterio.web;

/**
 * What a Range header asks of a file of a known size (RFC 9110, 14.2): one satisfiable range is served as 206;
 * none satisfiable is 416; a malformed header, an other unit or several ranges get the whole file (200), which the
 * RFC allows and which spares clients a multipart body.
 */
record ByteRange(Kind kind, long first, long last) {

    enum Kind { WHOLE, PART, UNSATISFIABLE }

    static final ByteRange WHOLE = new ByteRange(Kind.WHOLE, -1, -1);
    private static final ByteRange UNSATISFIABLE = new ByteRange(Kind.UNSATISFIABLE, -1, -1);

    long length() {
        return last - first + 1;
    }

    static ByteRange of(String header, long size) {
        if (header == null) {
            return WHOLE;
        }
        String value = header.strip();
        if (!value.regionMatches(true, 0, "bytes=", 0, 6)) {
            return WHOLE;
        }
        String spec = value.substring(6).strip();
        if (spec.isEmpty() || spec.indexOf(',') >= 0) {
            return WHOLE;
        }
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return WHOLE;
        }
        String from = spec.substring(0, dash).strip();
        String to = spec.substring(dash + 1).strip();
        try {
            if (from.isEmpty()) {
                // suffix range: the last n bytes
                long suffix = digits(to);
                if (suffix == 0 || size == 0) {
                    return UNSATISFIABLE;
                }
                return new ByteRange(Kind.PART, Math.max(0, size - suffix), size - 1);
            }
            long first = digits(from);
            long last = to.isEmpty() ? Long.MAX_VALUE : digits(to);
            if (last < first) {
                return WHOLE; // invalid range: ignored
            }
            if (first >= size) {
                return UNSATISFIABLE;
            }
            return new ByteRange(Kind.PART, first, Math.min(last, size - 1));
        } catch (NumberFormatException e) {
            return WHOLE;
        }
    }

    private static long digits(String value) {
        if (value.isEmpty() || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new NumberFormatException(value);
        }
        return value.length() > 18 ? Long.MAX_VALUE : Long.parseLong(value);
    }
}
