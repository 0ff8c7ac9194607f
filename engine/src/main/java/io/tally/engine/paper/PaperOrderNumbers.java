package io.tally.engine.paper;

import java.util.List;
import java.util.Optional;

/**
 * A paper account's latest order number and the orders working, as its store keeps them (the mark
 * {@code paper.orders}): so ids go on after a restart, and the start can say which resting orders
 * were not restored.
 *
 * <p>Example: {@code PaperOrderNumbers.parse(Optional.of("12 working=demo-O3,demo-O7"))} is {@code
 * [last=12, working=[demo-O3, demo-O7]]}, and {@code text()} gives the mark back. Immutable.
 */
record PaperOrderNumbers(long last, List<String> working) {

  PaperOrderNumbers {
    working = List.copyOf(working);
  }

  /** The numbers a mark states; none (0, nothing working) without one. */
  static PaperOrderNumbers parse(Optional<String> text) {
    if (text.isEmpty()) {
      return new PaperOrderNumbers(0, List.of());
    }
    String[] parts = text.get().split(" ", 2);
    List<String> working =
        parts.length < 2 || parts[1].equals("working=")
            ? List.of()
            : List.of(parts[1].substring("working=".length()).split(","));
    return new PaperOrderNumbers(Long.parseLong(parts[0]), working);
  }

  /** The account's numbers now. */
  static PaperOrderNumbers of(PaperAccount account) {
    return new PaperOrderNumbers(
        account.lastOrderNumber(), account.openOrders().stream().map(PaperOrder::id).toList());
  }

  /** The mark's text. */
  String text() {
    return last + " working=" + String.join(",", working);
  }
}
