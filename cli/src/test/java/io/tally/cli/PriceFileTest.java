package io.tally.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tally.kraken.KrakenException;
import io.tally.money.Asset;
import io.tally.money.Price;
import java.io.StringReader;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PriceFileTest {

  private static List<Price> read(String text) {
    return PriceFile.read(new StringReader(text), "prices.csv", Asset.of("EUR"));
  }

  @Test
  void readsEachFormOfTimeAsTheSameInstant() {
    // 1704067200 s after the epoch is 2024-01-01T00:00:00Z; .25 of a second more in the second row.
    List<Price> prices =
        read(
            """
            time,asset,price
            1704067200,XBT,42000.5
            1704067200.25,XBT,42000.5
            2024-01-01 00:00:00,BTC,42000.5
            2024-01-01T00:00:00Z,XXBT,42000.5
            2024-01-01T00:00:00.250Z,XBT,42000.5
            """);

    assertThat(prices)
        .extracting(Price::at)
        .containsExactly(
            Instant.parse("2024-01-01T00:00:00Z"),
            Instant.parse("2024-01-01T00:00:00.25Z"),
            Instant.parse("2024-01-01T00:00:00Z"),
            Instant.parse("2024-01-01T00:00:00Z"),
            Instant.parse("2024-01-01T00:00:00.25Z"));
    assertThat(prices).extracting(Price::asset).containsOnly(Asset.XBT);
  }

  @Test
  void namesFileLineAndFieldOfATimeItCannotRead() {
    // February has no 30th: the ISO shape is right, the date is not.
    assertThatThrownBy(
            () ->
                read("time,asset,price\n2024-01-01T00:00:00Z,XBT,1\n2024-02-30T00:00:00Z,XBT,1\n"))
        .isInstanceOf(KrakenException.class)
        .hasMessage(
            "prices.csv line 3, field 'time': not an ISO-8601 UTC time or unix seconds:"
                + " '2024-02-30T00:00:00Z'");
    assertThatThrownBy(() -> read("time,asset,price\nyesterday,XBT,1\n"))
        .isInstanceOf(KrakenException.class)
        .hasMessageContaining("line 2, field 'time'");
  }
}
