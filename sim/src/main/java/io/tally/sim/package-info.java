/**
 * A Kraken exchange simulator for tests and the demo: a seeded synthetic account ({@link
 * io.tally.sim.AccountGenerator}, {@link io.tally.sim.SimulatedAccount}) served over Kraken's REST
 * wire protocol on loopback ({@link io.tally.sim.KrakenSimulator}): signatures, nonces, the call
 * counter, 50-row pages, Kraken's error strings and injectable {@link io.tally.sim.Faults}. Margin
 * trading (positions, {@code OpenPositions}, {@code margin}/{@code rollover} ledger rows,
 * liquidation) is off unless the account is generated with {@link io.tally.sim.MarginOptions#on()}.
 *
 * <p>Example:
 *
 * <pre>{@code
 * SimulatedAccount account = AccountGenerator.generate(42, 90, Instant.now());
 * try (KrakenSimulator kraken = KrakenSimulator.start(account, 0, SimulatorOptions.defaults())) {
 *   System.out.println(kraken.summary());   // URL, API key, rows
 *   kraken.account().advance(Duration.ofMinutes(5));   // the bots trade on
 * }
 * }</pre>
 */
package io.tally.sim;
