package io.tally.engine.risk;

import io.tally.risk.OrderLegs;
import io.tally.risk.RiskBook;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The exposure passed checks hold with {@code reserve: true}: each until an order with its client
 * order id appears among the open orders, or its time runs out. Every check is made on the books
 * plus what is reserved ({@link #onto}), so two checks that pass one after the other can never
 * together breach a limit.
 *
 * <p>The reserved book is kept and rebuilt only when the books or the reservations change, so a
 * check does not re-apply every reservation.
 *
 * <p>Example: {@code reservations.hold(id, clientOrderId, legs, volume, now.plus(ttl));
 * reservations.onto(book, now)}. Not thread-safe: the risk service calls it under its lock.
 */
final class Reservations {

  /** One held reservation. */
  private record Reservation(
      String checkId,
      Optional<String> clientOrderId,
      OrderLegs legs,
      BigDecimal volume,
      Instant until) {}

  private final List<Reservation> held = new ArrayList<>();
  private RiskBook base;
  private RiskBook reserved;

  /** {@code book} plus every reservation still running at {@code now}. */
  RiskBook onto(RiskBook book, Instant now) {
    boolean expired = held.removeIf(r -> !r.until().isAfter(now));
    if (expired || book != base) {
      base = book;
      RiskBook next = book;
      for (Reservation reservation : held) {
        next = next.plus(reservation.legs(), reservation.volume());
      }
      reserved = next;
    }
    return reserved;
  }

  /** Holds {@code volume} of the order with {@code legs} until {@code until}. */
  void hold(
      String checkId,
      Optional<String> clientOrderId,
      OrderLegs legs,
      BigDecimal volume,
      Instant until) {
    held.add(new Reservation(checkId, clientOrderId, legs, volume, until));
    if (reserved != null) {
      reserved = reserved.plus(legs, volume);
    }
  }

  /** Ends the reservations whose client order id is among {@code appeared}. */
  void release(Set<String> appeared) {
    if (held.removeIf(r -> r.clientOrderId().filter(appeared::contains).isPresent())) {
      base = null;
    }
  }

  /** How many reservations are held. */
  int size() {
    return held.size();
  }
}
