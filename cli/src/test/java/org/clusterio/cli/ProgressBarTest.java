package org.clusterio.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class ProgressBarTest {

    @Test
    void theBarFillsInProportion() {
        assertEquals("[------------------------------]", ProgressBar.of(0, 100));
        assertEquals("[#############-----------------]", ProgressBar.of(45, 100));
        assertEquals("[##############################]", ProgressBar.of(100, 100));
        assertEquals("[##############################]", ProgressBar.of(120, 100), "more done than counted (files added meanwhile) stays full");
        assertEquals(45, ProgressBar.percent(45_999, 100_000));
        assertEquals(100, ProgressBar.percent(7, 5));
        assertEquals(0, ProgressBar.percent(7, -1));
    }

    @Test
    void theMarkerMovesAndTurnsAtTheEnds() {
        assertEquals("[<=>---------------------------]", ProgressBar.moving(0));
        assertEquals("[-<=>--------------------------]", ProgressBar.moving(1));
        assertEquals("[---------------------------<=>]", ProgressBar.moving(27));
        assertEquals("[--------------------------<=>-]", ProgressBar.moving(28));
        assertEquals(ProgressBar.moving(0), ProgressBar.moving(54));
        for (int tick = 0; tick < 100; tick++) {
            assertEquals(ProgressBar.WIDTH + 2, ProgressBar.moving(tick).length());
        }
    }

    @Test
    void aTerminalLineIsRedrawnInPlaceAndAPlainOneEveryTenSeconds() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ProgressDisplay terminal = new ProgressDisplay(new PrintStream(bytes, true, StandardCharsets.UTF_8), true);
        terminal.show("long line", 0);
        terminal.show("short", 1000);
        terminal.end();
        assertEquals("\rlong line\rshort    \r     \r", bytes.toString(StandardCharsets.UTF_8));

        bytes.reset();
        ProgressDisplay plain = new ProgressDisplay(new PrintStream(bytes, true, StandardCharsets.UTF_8), false);
        for (long millis = 0; millis <= 25_000; millis += 1000) {
            plain.show("at " + millis, millis);
        }
        plain.end();
        assertEquals(String.format("at 0%nat 10000%nat 20000%n"), bytes.toString(StandardCharsets.UTF_8));
    }
}
