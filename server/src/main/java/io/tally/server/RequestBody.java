package io.tally.server;

import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The body of a POST as text, read into an array of its own length: Javalin's {@code ctx.body()}
 * reads every body through a new 8 KB buffer, an eighth of what a paper order costs the collector
 * (docs/BENCHMARKS.md §21). A body over {@link #MAX_BYTES}, Javalin's own limit, is refused with
 * 413 as Javalin refuses it; one sent without a length (chunked) is read up to that limit.
 *
 * <p>Example: {@code JsonBody.object(RequestBody.text(ctx), shape)}. Stateless.
 */
final class RequestBody {

  /** The largest body read, in bytes: Javalin's default {@code maxRequestSize}. */
  static final int MAX_BYTES = 1_000_000;

  private RequestBody() {}

  /**
   * The body, decoded as UTF-8 (JSON's encoding).
   *
   * @throws HttpResponseException 413 when the body is longer than {@link #MAX_BYTES}
   */
  static String text(Context ctx) {
    long declared = ctx.req().getContentLengthLong();
    if (declared > MAX_BYTES) {
      throw tooLarge();
    }
    byte[] bytes;
    try (InputStream in = ctx.req().getInputStream()) {
      bytes = in.readNBytes(declared >= 0 ? (int) declared : MAX_BYTES + 1);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read the request's body", e);
    }
    if (bytes.length > MAX_BYTES) {
      throw tooLarge();
    }
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private static HttpResponseException tooLarge() {
    return new HttpResponseException(
        HttpStatus.CONTENT_TOO_LARGE.getCode(),
        "the body is over " + MAX_BYTES + " bytes, the most this server reads");
  }
}
