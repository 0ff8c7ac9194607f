package io.tally.kraken.api;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Computes Kraken's {@code API-Sign} header (kraken-api.md §3.2): {@code Base64(HMAC-SHA512(key =
 * Base64Decode(secret), data = UTF8(uriPath) || SHA256(UTF8(nonce) || UTF8(postData))))}. The
 * {@code postData} must be the exact body that is sent, {@code nonce=...} included.
 *
 * <p>Example (Kraken's published vector, §3.3): {@code new
 * RequestSigner(credentials).sign("/0/private/AddOrder", "1616492376594",
 * "nonce=1616492376594&ordertype=limit&pair=XBTUSD&price=37500&type=buy&volume=1.25")} is {@code
 * 4/dpxb3iT4tp/ZCVEwSnEsLxx0bqyhLpdfOpc6fn7OR8+UClSV5n9E6aSS8MPtnRfp32bAb0nmbRn6H8ndwLUQ==}.
 * Thread-safe: every call uses its own {@link Mac}.
 */
public final class RequestSigner {

  private static final String HMAC = "HmacSHA512";

  private final SecretKeySpec key;

  /** A signer for these credentials' secret. */
  public RequestSigner(KrakenCredentials credentials) {
    this.key = new SecretKeySpec(requireNonNull(credentials, "credentials").secret(), HMAC);
  }

  /**
   * The base64 {@code API-Sign} value.
   *
   * @param uriPath the request path without host or query, such as {@code /0/private/Ledgers}
   * @param nonce the nonce as sent in the body, in decimal
   * @param postData the exact url-encoded body, which contains {@code nonce=<nonce>}
   */
  public String sign(String uriPath, String nonce, String postData) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      sha256.update(nonce.getBytes(UTF_8));
      byte[] inner = sha256.digest(postData.getBytes(UTF_8));
      Mac mac = Mac.getInstance(HMAC);
      mac.init(key);
      mac.update(uriPath.getBytes(UTF_8));
      return Base64.getEncoder().encodeToString(mac.doFinal(inner));
    } catch (GeneralSecurityException e) {
      // SHA-256 and HmacSHA512 are required of every Java platform.
      throw new IllegalStateException("JDK lacks SHA-256 or HmacSHA512", e);
    }
  }
}
