package io.tally.sim;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Kraken's {@code API-Sign} for private REST calls (kraken-api.md §3.2): {@code
 * Base64(HMAC-SHA512(key = Base64Decode(secret), data = UTF8(uriPath) || SHA256(UTF8(nonce) ||
 * UTF8(postData))))}, where {@code postData} is the exact url-encoded body sent, nonce included.
 *
 * <p>Example: {@code KrakenSignature.sign("/0/private/AddOrder", "1616492376594",
 * "nonce=1616492376594&ordertype=limit&pair=XBTUSD&price=37500&type=buy&volume=1.25", secret)} is
 * {@code 4/dpxb3iT4tp/ZCVEwSnEsLxx0bqyhLpdfOpc6fn7OR8+UClSV5n9E6aSS8MPtnRfp32bAb0nmbRn6H8ndwLUQ==}
 * for Kraken's published example secret. Stateless.
 */
public final class KrakenSignature {

  private KrakenSignature() {}

  /**
   * The {@code API-Sign} header for a request to {@code uriPath} (such as {@code
   * /0/private/Balance}, no host or query) with body {@code postData} containing {@code nonce}.
   *
   * @throws IllegalArgumentException when {@code secretBase64} is not valid base64
   */
  public static String sign(String uriPath, String nonce, String postData, String secretBase64) {
    return Base64.getEncoder().encodeToString(mac(uriPath, nonce, postData, secretBase64));
  }

  /**
   * Whether {@code signature} is the {@code API-Sign} of this request, compared in constant time; a
   * signature that is not base64 does not verify.
   */
  public static boolean verify(
      String uriPath, String nonce, String postData, String secretBase64, String signature) {
    byte[] given;
    try {
      given = Base64.getDecoder().decode(requireNonNull(signature, "signature"));
    } catch (IllegalArgumentException notBase64) {
      return false;
    }
    return MessageDigest.isEqual(mac(uriPath, nonce, postData, secretBase64), given);
  }

  private static byte[] mac(String uriPath, String nonce, String postData, String secretBase64) {
    byte[] key;
    try {
      key = Base64.getDecoder().decode(requireNonNull(secretBase64, "secretBase64"));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("The API secret is not valid base64", e);
    }
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      sha256.update(requireNonNull(nonce, "nonce").getBytes(StandardCharsets.UTF_8));
      byte[] inner =
          sha256.digest(requireNonNull(postData, "postData").getBytes(StandardCharsets.UTF_8));
      Mac hmac = Mac.getInstance("HmacSHA512");
      hmac.init(new SecretKeySpec(key, "HmacSHA512"));
      hmac.update(requireNonNull(uriPath, "uriPath").getBytes(StandardCharsets.UTF_8));
      return hmac.doFinal(inner);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 and HmacSHA512 are part of every JDK", e);
    }
  }
}
