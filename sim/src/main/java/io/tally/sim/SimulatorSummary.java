package io.tally.sim;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.time.Instant;

/**
 * What a running simulator offers, for a person to read: where it listens, the API key to use (the
 * secret is never part of it) and how much history the account has.
 *
 * <p>Example: {@code Kraken simulator at http://127.0.0.1:41234 (API key Zm9v…) — 2569 ledger
 * entries, 1265 trades, 1945 orders from 2026-08-25T12:00:00Z to 2026-11-23T12:00:00Z}. Immutable.
 *
 * @param baseUrl the simulator's base URL, to use instead of {@code https://api.kraken.com}
 * @param apiKey the API key it accepts
 * @param ledgerEntries rows in the account's ledger
 * @param trades fills in its trade history
 * @param orders orders, open or not
 * @param from when the history starts
 * @param to the account's clock
 */
public record SimulatorSummary(
    URI baseUrl,
    String apiKey,
    int ledgerEntries,
    int trades,
    int orders,
    Instant from,
    Instant to) {

  public SimulatorSummary {
    requireNonNull(baseUrl, "baseUrl");
    requireNonNull(apiKey, "apiKey");
    requireNonNull(from, "from");
    requireNonNull(to, "to");
  }

  @Override
  public String toString() {
    return "Kraken simulator at "
        + baseUrl
        + " (API key "
        + apiKey
        + ") — "
        + ledgerEntries
        + " ledger entries, "
        + trades
        + " trades, "
        + orders
        + " orders from "
        + from
        + " to "
        + to;
  }
}
