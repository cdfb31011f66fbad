package org.clusterio.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

class ProgressRateTest {

    @Test
    void noRateBeforeTwoSamples() {
        ProgressRate rate = new ProgressRate();
        assertEquals(0, rate.perSecond());
        assertEquals(OptionalLong.empty(), rate.secondsLeft(100));
        rate.record(0, 10);
        assertEquals(0, rate.perSecond());
        assertEquals(OptionalLong.empty(), rate.secondsLeft(100));
    }

    @Test
    void theRateAndTheTimeLeftFollowTheCounts() {
        ProgressRate rate = new ProgressRate();
        rate.record(0, 0);
        rate.record(2_000, 500);
        assertEquals(250.0, rate.perSecond(), 1e-9);
        assertEquals(OptionalLong.of(38), rate.secondsLeft(10_000), "9500 left at 250/s: 38 s");
        assertEquals(OptionalLong.of(0), rate.secondsLeft(500));
        assertEquals(OptionalLong.of(1), rate.secondsLeft(501), "a part of a second left is a second");
        assertEquals(OptionalLong.empty(), rate.secondsLeft(-1), "no total, no time left");
    }

    @Test
    void theRateIsThatOfTheLastTwentySeconds() {
        ProgressRate rate = new ProgressRate();
        // 1000 files/s for a minute, then 100 files/s for 30 s
        long done = 0;
        for (long second = 0; second <= 60; second++) {
            rate.record(second * 1000, done);
            done += 1000;
        }
        done -= 1000;
        for (long second = 61; second <= 90; second++) {
            done += 100;
            rate.record(second * 1000, done);
        }
        assertEquals(100.0, rate.perSecond(), 1e-9, "the fast minute is out of the window");
        assertEquals(OptionalLong.of(10), rate.secondsLeft(done + 1000));
    }

    @Test
    void aStallHasNoTimeLeft() {
        ProgressRate rate = new ProgressRate();
        rate.record(0, 100);
        rate.record(5_000, 100);
        assertEquals(0, rate.perSecond());
        assertEquals(OptionalLong.empty(), rate.secondsLeft(1000));
    }

    @Test
    void durationsReadAsClockTimes() {
        assertEquals("0s", ProgressRate.duration(0));
        assertEquals("59s", ProgressRate.duration(59));
        assertEquals("1m15s", ProgressRate.duration(75));
        assertEquals("1h02m05s", ProgressRate.duration(3725));
        assertEquals("27h46m40s", ProgressRate.duration(100_000));
    }
}
