package org.replearn.checks.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The console's durations: a clock for elapsed and ETA, words for estimates from seconds to years. */
class DurationsTest {
    @Test
    void clockShowsMinutesAndSecondsThenHours() {
        assertEquals("0:00", Durations.clock(0.4));
        assertEquals("0:42", Durations.clock(42));
        assertEquals("12:05", Durations.clock(725));
        assertEquals("1:01:01", Durations.clock(3661));
    }

    @Test
    void wordsScaleTheUnitToTheSize() {
        assertEquals("1 s", Durations.words(0.2));
        assertEquals("42 s", Durations.words(42));
        assertEquals("3 min 20 s", Durations.words(200));
        assertEquals("5.2 h", Durations.words(5.2 * 3600));
        assertEquals("3.1 days", Durations.words(3.1 * 86400));
        assertEquals("2.0e+03 years", Durations.words(2000 * 365.25 * 86400));
    }
}
