package io.tally.sim;

import static java.util.Objects.requireNonNull;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;

/**
 * How a {@link KrakenSimulator} runs: the one API key and base64 secret it accepts, the call
 * counter's tier, whether the counter is enforced at all, and the clock the counter decays by.
 * {@link #toString()} never shows the secret.
 *
 * <p>Example: {@code SimulatorOptions.defaults().withoutRateLimit()} or {@code
 * SimulatorOptions.defaults().withClock(Clock.fixed(t, ZoneOffset.UTC))}. Immutable.
 *
 * @param apiKey the {@code API-Key} the simulator accepts
 * @param apiSecret the base64 secret requests are signed with
 * @param tier the call counter's tier
 * @param rateLimited whether {@code EAPI:Rate limit exceeded} is enforced
 * @param clock the clock the call counter decays by
 */
public record SimulatorOptions(
    String apiKey, String apiSecret, RateTier tier, boolean rateLimited, Clock clock) {

  public SimulatorOptions {
    requireNonNull(apiKey, "apiKey");
    requireNonNull(apiSecret, "apiSecret");
    requireNonNull(tier, "tier");
    requireNonNull(clock, "clock");
    if (apiKey.isBlank()) {
      throw new IllegalArgumentException("The API key is blank");
    }
    try {
      if (Base64.getDecoder().decode(apiSecret).length == 0) {
        throw new IllegalArgumentException("The API secret is empty");
      }
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("The API secret is not valid base64", e);
    }
  }

  /**
   * A fresh random key (56 characters, like Kraken's) and 64-byte secret, the Starter tier
   * enforced, the system clock.
   */
  public static SimulatorOptions defaults() {
    SecureRandom random = new SecureRandom();
    byte[] key = new byte[42];
    byte[] secret = new byte[64];
    random.nextBytes(key);
    random.nextBytes(secret);
    return new SimulatorOptions(
        Base64.getEncoder().encodeToString(key),
        Base64.getEncoder().encodeToString(secret),
        RateTier.STARTER,
        true,
        Clock.systemUTC());
  }

  /** The same options with this key and base64 secret. */
  public SimulatorOptions withCredentials(String key, String secret) {
    return new SimulatorOptions(key, secret, tier, rateLimited, clock);
  }

  /** The same options with the counter of {@code rateTier}, enforced. */
  public SimulatorOptions withTier(RateTier rateTier) {
    return new SimulatorOptions(apiKey, apiSecret, rateTier, true, clock);
  }

  /** The same options without the call counter, for fast tests. */
  public SimulatorOptions withoutRateLimit() {
    return new SimulatorOptions(apiKey, apiSecret, tier, false, clock);
  }

  /** The same options with the counter decaying by {@code counterClock}. */
  public SimulatorOptions withClock(Clock counterClock) {
    return new SimulatorOptions(apiKey, apiSecret, tier, rateLimited, counterClock);
  }

  @Override
  public String toString() {
    return "SimulatorOptions[apiKey="
        + apiKey
        + ", apiSecret=(hidden), tier="
        + tier
        + ", rateLimited="
        + rateLimited
        + ", clock="
        + clock
        + "]";
  }
}
