package io.tally.kraken.api;

import java.util.List;
import java.util.Locale;

/**
 * What to do about Kraken's error strings (kraken-api.md §4.2), matched by prefix after removing
 * blanks around colons ({@code EService: Throttled: 1699999999} is {@code EService:Throttled}).
 *
 * <p>Example: {@code Recovery.of(List.of("EService:Busy"))} is {@link #BACK_OFF}; {@code
 * Recovery.of(List.of("EGeneral:Temporary lockout"))} is {@link #LOCKED_OUT}. Immutable.
 */
enum Recovery {
  /** Transient trouble at Kraken: try again after an exponential backoff. */
  BACK_OFF(true, ""),
  /**
   * The call counter is exceeded: wait for it to decay (at least 2 / decay seconds), then retry.
   */
  WAIT_FOR_DECAY(true, "the call counter decays before the next attempt"),
  /** The nonce was not above the last one Kraken saw: try once more with a fresh nonce. */
  FRESH_NONCE(
      true,
      "another client may use this key, or the clock or nonce file went backwards; check"
          + " /0/public/Time"),
  /**
   * Too many failed authentications or nonces: retried with backoff and jitter like other temporary
   * trouble (the policy); the lockout itself lasts about 15 minutes, which the message says
   * once the attempts run out.
   */
  LOCKED_OUT(
      true,
      "Kraken locked this key out for a while (about 15 minutes) after failed authentications or"
          + " nonces; retried with backoff, then wait before trying again"),
  /** The key or secret is wrong or lacks a permission: fix the configuration. */
  FIX_CREDENTIALS(
      false,
      "check KRAKEN_API_KEY, KRAKEN_API_SECRET and the key's permissions (Query Funds, Query"
          + " Open/Closed Orders & Trades, Query Ledger Entries); not retried"),
  /** Anything else: the request itself is wrong; trying again would fail the same way. */
  FAIL(false, "not retried");

  private static final List<String> BACK_OFF_PREFIXES =
      List.of(
          "EService:Unavailable",
          "EService:Busy",
          "EService:Throttled",
          "EGeneral:Too many requests",
          "EGeneral:Internal error",
          "EDatabase:Internal error");

  private static final List<String> CREDENTIAL_PREFIXES =
      List.of(
          "EAPI:Invalid key",
          "EAPI:Invalid signature",
          "EGeneral:Permission denied",
          "EAccount:Invalid permissions");

  private final boolean retryable;
  private final String advice;

  Recovery(boolean retryable, String advice) {
    this.retryable = retryable;
    this.advice = advice;
  }

  /** Whether the call may be tried again at once (after the wait this recovery implies). */
  boolean retryable() {
    return retryable;
  }

  /** What to tell a person; empty when nothing useful can be said. */
  String advice() {
    return advice;
  }

  /**
   * The recovery for a list of Kraken errors: the most restrictive of its errors' recoveries (the
   * constants are declared from least to most restrictive), so that one non-retryable error makes
   * the whole answer non-retryable; {@link #FAIL} for an empty list.
   */
  static Recovery of(List<String> errors) {
    Recovery result = BACK_OFF;
    boolean any = false;
    for (String error : errors) {
      Recovery recovery = ofOne(error);
      if (!any || recovery.compareTo(result) > 0) {
        result = recovery;
      }
      any = true;
    }
    return any ? result : FAIL;
  }

  /**
   * Whether Kraken refused a call for coming too fast from this address ({@code EGeneral:Too many
   * requests}, its public per-IP limit): retried like other {@link #BACK_OFF} trouble, and the
   * public pace slows down first.
   */
  static boolean tooManyRequests(List<String> errors) {
    for (String error : errors) {
      if (startsWith(error.strip().replaceAll("\\s*:\\s*", ":"), "EGeneral:Too many requests")) {
        return true;
      }
    }
    return false;
  }

  private static Recovery ofOne(String error) {
    String normal = error.strip().replaceAll("\\s*:\\s*", ":");
    if (startsWith(normal, "EGeneral:Temporary lockout")) {
      return LOCKED_OUT;
    }
    if (startsWith(normal, "EAPI:Rate limit exceeded")) {
      return WAIT_FOR_DECAY;
    }
    if (startsWith(normal, "EAPI:Invalid nonce")) {
      return FRESH_NONCE;
    }
    for (String prefix : CREDENTIAL_PREFIXES) {
      if (startsWith(normal, prefix)) {
        return FIX_CREDENTIALS;
      }
    }
    for (String prefix : BACK_OFF_PREFIXES) {
      if (startsWith(normal, prefix)) {
        return BACK_OFF;
      }
    }
    return FAIL;
  }

  private static boolean startsWith(String error, String prefix) {
    return error.toLowerCase(Locale.ROOT).startsWith(prefix.toLowerCase(Locale.ROOT));
  }
}
