package org.clusterio.cli;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.OptionalLong;

/**
 * The rate of a run from the counts the tool polls, over the last {@link #WINDOW_MILLIS} ms rather than since the
 * start: a migration slows down or speeds up (a slower store, a page of large files), and the time left should
 * follow what it does now. Until two samples that far apart exist, it is the rate since the first sample.
 */
final class ProgressRate {

    static final long WINDOW_MILLIS = 20_000;

    private record Sample(long millis, long done) {
    }

    private final Deque<Sample> samples = new ArrayDeque<>();

    /** @param millis when the count was read (any clock that only moves forward) */
    void record(long millis, long done) {
        samples.addLast(new Sample(millis, done));
        // keep the newest sample at least WINDOW_MILLIS old, so the window is always covered
        while (samples.size() > 2) {
            Sample second = samples.stream().skip(1).findFirst().orElseThrow();
            if (millis - second.millis() < WINDOW_MILLIS) {
                break;
            }
            samples.removeFirst();
        }
    }

    /** @return items per second over the window; 0 before two samples or while nothing moves */
    double perSecond() {
        if (samples.size() < 2) {
            return 0;
        }
        Sample first = samples.getFirst();
        Sample last = samples.getLast();
        long millis = last.millis() - first.millis();
        return millis <= 0 ? 0 : Math.max(0, last.done() - first.done()) * 1000.0 / millis;
    }

    /** @return the seconds left to reach the total at the current rate; empty while the rate is 0 or the total unknown */
    OptionalLong secondsLeft(long total) {
        double rate = perSecond();
        if (rate <= 0 || total <= 0 || samples.isEmpty()) {
            return OptionalLong.empty();
        }
        long left = Math.max(0, total - samples.getLast().done());
        return OptionalLong.of((long) Math.ceil(left / rate));
    }

    /** @return 75 s as {@code 1m15s}, 3725 s as {@code 1h02m05s}, 12 s as {@code 12s} */
    static String duration(long seconds) {
        long hours = seconds / 3600;
        long minutes = seconds % 3600 / 60;
        long rest = seconds % 60;
        if (hours > 0) {
            return String.format("%dh%02dm%02ds", hours, minutes, rest);
        }
        return minutes > 0 ? String.format("%dm%02ds", minutes, rest) : rest + "s";
    }
}
