package io.tally.margin;

/**
 * What a margin alert says, from the mildest to the most urgent, plus the all-clear.
 *
 * <p>Example: a margin level falling from 250 % to 195 % raises {@code MARGIN_CALL}.
 */
public enum AlertType {
  /** The margin level fell below 200 %. */
  MARGIN_CALL,
  /** The margin level fell below 150 %. */
  LIQUIDATION_RISK,
  /** The margin level fell below 110 %: reduce the most losing position. */
  MARGIN_CRITICAL,
  /** The margin level climbed back above 200 % (plus the hysteresis band) after an alert. */
  MARGIN_RESTORED
}
