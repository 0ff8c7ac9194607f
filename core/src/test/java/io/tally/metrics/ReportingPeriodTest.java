package io.tally.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class ReportingPeriodTest {

  @Test
  void labelsAreIsoWeeksMonthsQuartersAndYears() {
    LocalDate day = LocalDate.parse("2025-02-12"); // a Wednesday in ISO week 7

    assertThat(ReportingPeriod.WEEK.label(day)).isEqualTo("2025-W07");
    assertThat(ReportingPeriod.MONTH.label(day)).isEqualTo("2025-02");
    assertThat(ReportingPeriod.QUARTER.label(day)).isEqualTo("2025-Q1");
    assertThat(ReportingPeriod.YEAR.label(day)).isEqualTo("2025");
    assertThat(ReportingPeriod.WEEK.start(day)).isEqualTo(LocalDate.parse("2025-02-10"));
    assertThat(ReportingPeriod.QUARTER.start(LocalDate.parse("2025-08-20")))
        .isEqualTo(LocalDate.parse("2025-07-01"));
  }

  @Test
  void aWeekBelongsToItsIsoWeekBasedYear() {
    // Monday 2024-12-30 starts ISO week 1 of 2025; Sunday 2027-01-03 ends week 53 of 2026.
    assertThat(ReportingPeriod.WEEK.label(LocalDate.parse("2024-12-30"))).isEqualTo("2025-W01");
    assertThat(ReportingPeriod.WEEK.label(LocalDate.parse("2027-01-03"))).isEqualTo("2026-W53");
  }
}
