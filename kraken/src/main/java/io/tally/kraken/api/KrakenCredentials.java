package io.tally.kraken.api;

import static java.util.Objects.requireNonNull;

import io.tally.kraken.KrakenException;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * A Kraken API key and its private secret (standard base64, as Kraken shows it once when the key is
 * created). Read them from the environment only; {@link #toString()} never shows either.
 *
 * <p>Example: {@code KrakenCredentials.fromEnvironment(System.getenv())} with {@code
 * KRAKEN_API_KEY} and {@code KRAKEN_API_SECRET} set; its {@code toString()} is {@code
 * KrakenCredentials[apiKey=<redacted>, secret=<redacted>]}. Immutable.
 *
 * @param apiKey the public key string, sent as the {@code API-Key} header
 * @param secretBase64 the private key in standard base64, used only to sign requests
 */
public record KrakenCredentials(String apiKey, String secretBase64) {

  /** The environment variable holding the API key. */
  public static final String KEY_VARIABLE = "KRAKEN_API_KEY";

  /** The environment variable holding the API secret. */
  public static final String SECRET_VARIABLE = "KRAKEN_API_SECRET";

  /**
   * Validates both parts without ever echoing the secret.
   *
   * @throws KrakenException when the key is blank or the secret is blank or not standard base64
   */
  public KrakenCredentials {
    requireNonNull(apiKey, "apiKey");
    requireNonNull(secretBase64, "secretBase64");
    apiKey = apiKey.strip();
    secretBase64 = secretBase64.strip();
    if (apiKey.isEmpty()) {
      throw KrakenException.badConfiguration("Kraken API key is blank");
    }
    if (secretBase64.isEmpty()) {
      throw KrakenException.badConfiguration("Kraken API secret is blank");
    }
    decode(secretBase64);
  }

  /**
   * The credentials in {@code KRAKEN_API_KEY} and {@code KRAKEN_API_SECRET}; empty when both are
   * unset or blank.
   *
   * @throws KrakenException when only one of the two is set, or the secret is not base64
   */
  public static Optional<KrakenCredentials> fromEnvironment(Map<String, String> env) {
    String key = env.getOrDefault(KEY_VARIABLE, "").strip();
    String secret = env.getOrDefault(SECRET_VARIABLE, "").strip();
    if (key.isEmpty() && secret.isEmpty()) {
      return Optional.empty();
    }
    if (key.isEmpty()) {
      throw KrakenException.badConfiguration(
          SECRET_VARIABLE + " is set but " + KEY_VARIABLE + " is not: set both or neither");
    }
    if (secret.isEmpty()) {
      throw KrakenException.badConfiguration(
          KEY_VARIABLE + " is set but " + SECRET_VARIABLE + " is not: set both or neither");
    }
    return Optional.of(new KrakenCredentials(key, secret));
  }

  /** The decoded secret: the HMAC-SHA512 key. A fresh copy on every call. */
  byte[] secret() {
    return decode(secretBase64);
  }

  /** Shows neither the key nor the secret, so that credentials never reach a log. */
  @Override
  public String toString() {
    return "KrakenCredentials[apiKey=<redacted>, secret=<redacted>]";
  }

  private static byte[] decode(String secretBase64) {
    byte[] secret;
    try {
      secret = Base64.getDecoder().decode(secretBase64);
    } catch (IllegalArgumentException e) {
      // The decoder's message may quote the offending character; say only what is wrong.
      throw KrakenException.badConfiguration(
          "Kraken API secret is not standard base64 (A-Z, a-z, 0-9, '+', '/', '=' padding);"
              + " copy it again from Kraken's key page");
    }
    if (secret.length == 0) {
      throw KrakenException.badConfiguration("Kraken API secret decodes to no bytes");
    }
    return secret;
  }
}
