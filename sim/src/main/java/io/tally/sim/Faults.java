package io.tally.sim;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Faults to inject into the simulator's next responses, per API method (such as {@code Balance} or
 * {@code Ledgers}; {@link #ANY_METHOD} matches every method). Each call queues {@code times}
 * faults; each response of a matching method takes the next one. Faults of one method are used
 * before those queued for any method. One fault is a switch instead: a {@link #balanceDiscrepancy
 * balance discrepancy} stays on until it is cleared.
 *
 * <p>Example: {@code simulator.faults().httpError("Ledgers", 520, 2).serviceBusy("Balance", 1)}.
 * Thread-safe.
 */
public final class Faults {

  /** Matches every method. */
  public static final String ANY_METHOD = "*";

  private static final Duration NEW_ROWS_STEP = Duration.ofMinutes(1);

  private static final Set<Integer> HTTP_ERRORS = Set.of(500, 502, 503, 504, 520, 525);

  private final Listing listing;
  private final Map<String, Deque<Fault>> queued = new HashMap<>();
  private final Map<String, BigDecimal> discrepancies = new TreeMap<>();
  private BigDecimal marginDiscrepancy = BigDecimal.ZERO;

  /** Faults for a simulator of assets listed in {@code listing}. */
  Faults(Listing listing) {
    this.listing = requireNonNull(listing, "listing");
  }

  /**
   * The next {@code times} responses of {@code method} are HTTP {@code status} (500, 502, 503, 504,
   * 520 or 525) with an HTML body, as an edge proxy would send; the request is not processed.
   */
  public Faults httpError(String method, int status, int times) {
    if (!HTTP_ERRORS.contains(status)) {
      throw new IllegalArgumentException("Not a simulated HTTP error: " + status);
    }
    return add(
        method, new Fault(Fault.Kind.HTTP_ERROR, status, Duration.ZERO, 0, Duration.ZERO), times);
  }

  /** The next {@code times} responses of {@code method} are {@code EService:Unavailable}. */
  public Faults serviceUnavailable(String method, int times) {
    return add(
        method,
        new Fault(Fault.Kind.SERVICE_UNAVAILABLE, 200, Duration.ZERO, 0, Duration.ZERO),
        times);
  }

  /** The next {@code times} responses of {@code method} are {@code EService:Busy}. */
  public Faults serviceBusy(String method, int times) {
    return add(
        method, new Fault(Fault.Kind.SERVICE_BUSY, 200, Duration.ZERO, 0, Duration.ZERO), times);
  }

  /**
   * The next {@code times} responses of {@code method} come {@code delay} late (longer than the
   * client's timeout, typically); the request is still processed, as a slow exchange would.
   */
  public Faults delay(String method, Duration delay, int times) {
    if (delay.isNegative()) {
      throw new IllegalArgumentException("Negative delay: " + delay);
    }
    return add(method, new Fault(Fault.Kind.DELAY, 200, delay, 0, Duration.ZERO), times);
  }

  /** The next {@code times} responses of {@code method} are processed but cut off mid-JSON. */
  public Faults malformedJson(String method, int times) {
    return add(
        method, new Fault(Fault.Kind.MALFORMED_JSON, 200, Duration.ZERO, 0, Duration.ZERO), times);
  }

  /**
   * The next {@code times} responses of {@code method} are {@code {"error":[]}} with no {@code
   * result} (what {@code Balance} answers for an account that never held anything).
   */
  public Faults withoutResult(String method, int times) {
    return add(
        method, new Fault(Fault.Kind.WITHOUT_RESULT, 200, Duration.ZERO, 0, Duration.ZERO), times);
  }

  /**
   * The next {@code times} pages of {@code method} ({@code Ledgers}, {@code TradesHistory} or
   * {@code ClosedOrders}) hold at most {@code rows} rows although more exist, {@code count}
   * unchanged: a page that ends before {@code count}.
   */
  public Faults shortPage(String method, int rows, int times) {
    if (rows < 0 || rows >= Pages.SIZE) {
      throw new IllegalArgumentException("A short page holds 0 to 49 rows: " + rows);
    }
    return add(
        method, new Fault(Fault.Kind.SHORT_PAGE, 200, Duration.ZERO, rows, Duration.ZERO), times);
  }

  /**
   * After each of the next {@code times} responses of {@code method}, new rows arrive: the account
   * advances one minute (at least one more trade, so at least two ledger rows), shifting the
   * offsets of the next page unless the client froze its window with {@code end}.
   */
  public Faults newRowsAfter(String method, int times) {
    return newRowsAfter(method, NEW_ROWS_STEP, times);
  }

  /**
   * After each of the next {@code times} responses of {@code method}, the account advances by
   * {@code step} (a positive duration): its bots trade at least once, so new rows arrive.
   */
  public Faults newRowsAfter(String method, Duration step, int times) {
    if (step.isNegative() || step.isZero()) {
      throw new IllegalArgumentException("New rows need a positive step: " + step);
    }
    return add(method, new Fault(Fault.Kind.NEW_ROWS_AFTER, 200, Duration.ZERO, 0, step), times);
  }

  /**
   * Until switched off, {@code Balance} and {@code BalanceEx} report {@code extra} more of {@code
   * asset} (a Kraken id such as {@code XXBT}; a negative {@code extra} reports less) than the
   * account's own ledger holds: an exchange whose balances disagree with its ledger. The ledger and
   * every other method are untouched. A second call for the same asset replaces the first.
   *
   * @throws IllegalArgumentException when the asset is not listed, or {@code extra} is zero or has
   *     more decimals than the asset
   */
  public synchronized Faults balanceDiscrepancy(String asset, BigDecimal extra) {
    ListedAsset listed = listing.asset(requireNonNull(asset, "asset"));
    if (requireNonNull(extra, "extra").signum() == 0) {
      throw new IllegalArgumentException("A balance discrepancy of zero for " + asset);
    }
    discrepancies.put(listed.id(), listed.scaled(extra));
    return this;
  }

  /** Switches off every balance discrepancy. */
  public synchronized Faults clearBalanceDiscrepancies() {
    discrepancies.clear();
    return this;
  }

  /**
   * Switches on a margin discrepancy: from now on {@code TradeBalance} reports {@code usd} more
   * collateral ({@code eb} and {@code tb}, so {@code e}, {@code mf} and {@code ml} move with it)
   * than the account's ledger holds, as a manual margin adjustment on Kraken's side that no ledger
   * row shows would. {@code Balance} is unchanged. It stays on until {@link #clear()}.
   *
   * @throws IllegalArgumentException when {@code usd} is zero
   */
  public synchronized Faults marginDiscrepancy(BigDecimal usd) {
    if (requireNonNull(usd, "usd").signum() == 0) {
      throw new IllegalArgumentException("A margin discrepancy of zero");
    }
    marginDiscrepancy = usd;
    return this;
  }

  /** The margin discrepancy switched on, in USD; zero when off. */
  synchronized BigDecimal marginDiscrepancy() {
    return marginDiscrepancy;
  }

  /** The balance discrepancies switched on, by Kraken asset id. */
  synchronized Map<String, BigDecimal> balanceDiscrepancies() {
    return Map.copyOf(discrepancies);
  }

  /** How many faults are still queued for {@code method} (not counting {@link #ANY_METHOD}). */
  public synchronized int pending(String method) {
    Deque<Fault> faults = queued.get(requireNonNull(method, "method"));
    return faults == null ? 0 : faults.size();
  }

  /** Drops every queued fault and switches off every balance and margin discrepancy. */
  public synchronized void clear() {
    queued.clear();
    discrepancies.clear();
    marginDiscrepancy = BigDecimal.ZERO;
  }

  /** Takes the next fault for a response of {@code method}, if any is queued. */
  synchronized Optional<Fault> next(String method) {
    for (String key : new String[] {method, ANY_METHOD}) {
      Deque<Fault> faults = queued.get(key);
      if (faults != null && !faults.isEmpty()) {
        return Optional.of(faults.poll());
      }
    }
    return Optional.empty();
  }

  private synchronized Faults add(String method, Fault fault, int times) {
    requireNonNull(method, "method");
    if (times < 1) {
      throw new IllegalArgumentException("times must be at least 1: " + times);
    }
    Deque<Fault> faults = queued.computeIfAbsent(method, key -> new ArrayDeque<>());
    for (int i = 0; i < times; i++) {
      faults.add(fault);
    }
    return this;
  }
}
