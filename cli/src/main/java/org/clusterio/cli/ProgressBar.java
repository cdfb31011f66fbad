package org.clusterio.cli;

/** The bar at the start of a progress line: filled in proportion to the total, or a marker moving back and forth when the total is unknown. */
final class ProgressBar {

    static final int WIDTH = 30;
    private static final String MARKER = "<=>";

    private ProgressBar() {
    }

    /** @return {@code [#########---------------------]} for 30 % */
    static String of(long done, long total) {
        int filled = total <= 0 ? 0 : (int) Math.min(WIDTH, done * WIDTH / total);
        return "[" + "#".repeat(filled) + "-".repeat(WIDTH - filled) + "]";
    }

    /** @param tick how many times the bar was drawn: the marker moves one step each time, and back at the ends */
    static String moving(long tick) {
        int span = WIDTH - MARKER.length();
        int step = (int) (tick % (2L * span));
        int position = step <= span ? step : 2 * span - step;
        return "[" + "-".repeat(position) + MARKER + "-".repeat(span - position) + "]";
    }

    /** @return the percentage done, 0 to 100, floor */
    static int percent(long done, long total) {
        return total <= 0 ? 0 : (int) Math.min(100, done * 100 / total);
    }
}
