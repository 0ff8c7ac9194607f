package io.tally.cli;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * A day given on the command line ({@code --from}, {@code --to}, {@code --as-of}): an ISO date, or
 * a clear error naming the option.
 *
 * <p>Example: {@code DateArgument.parse("--from", "2025-01-01")} is {@code Optional[2025-01-01]};
 * {@code DateArgument.parse("--from", "01/02/2025")} throws {@code --from 01/02/2025: expected a
 * date YYYY-MM-DD}. Stateless.
 */
final class DateArgument {

  private DateArgument() {}

  /** The day {@code text} names, empty when the option was not given ({@code null}). */
  static Optional<LocalDate> parse(String option, String text) {
    if (text == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(LocalDate.parse(text.strip()));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(option + " " + text + ": expected a date YYYY-MM-DD", e);
    }
  }
}
