package org.advocacyalerts.dispatcher.email;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class DigestMomentTest {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    @Test
    void dailyIsTheLatestSevenOClockInTheSubscribersZone() {
        // 2026-11-28 06:30 in New York: the latest 07:00 there was the day before.
        Instant now = Instant.parse("2026-11-28T11:30:00Z");
        assertThat(Digests.lastMoment(now, "daily", NEW_YORK, 7, DayOfWeek.MONDAY)
                        .toInstant())
                .isEqualTo(Instant.parse("2026-11-27T12:00:00Z"));
        assertThat(Digests.lastMoment(Instant.parse("2026-11-28T12:00:00Z"), "daily", NEW_YORK, 7, DayOfWeek.MONDAY)
                        .toInstant())
                .as("at the hour itself")
                .isEqualTo(Instant.parse("2026-11-28T12:00:00Z"));
    }

    @Test
    void weeklyIsTheLatestMondaySevenOClockAcrossADaylightSavingChange() {
        // Saturday 2026-11-07; the Monday before was 2026-11-02, after New York left summer time (Nov 1).
        Instant now = Instant.parse("2026-11-07T15:00:00Z");
        assertThat(Digests.lastMoment(now, "weekly", NEW_YORK, 7, DayOfWeek.MONDAY)
                        .toInstant())
                .isEqualTo(Instant.parse("2026-11-02T12:00:00Z"));
        // Saturday 2026-10-31: the Monday before (Oct 26) was still summer time, 07:00 = 11:00 UTC.
        assertThat(Digests.lastMoment(Instant.parse("2026-10-31T15:00:00Z"), "weekly", NEW_YORK, 7, DayOfWeek.MONDAY)
                        .toInstant())
                .isEqualTo(Instant.parse("2026-10-26T11:00:00Z"));
    }
}
