package io.tally.kraken.api;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A loopback stand-in for Kraken's REST API in tests (not the simulator): serves canned JSON from
 * {@code src/test/resources/api/<Method>.json}, or what a test scripted for the next calls of a
 * method, or what a handler computes. Private calls are checked like Kraken does: the {@code
 * API-Sign} header is recomputed here with its own HMAC code, and nonces must strictly increase per
 * key. Every request is recorded. Thread-safe.
 */
final class KrakenStub implements AutoCloseable {

  /** The key and secret clients of this stub use. */
  static final String API_KEY = "stub-api-key";

  static final String SECRET = Base64.getEncoder().encodeToString(secretBytes());

  static final KrakenCredentials CREDENTIALS = new KrakenCredentials(API_KEY, SECRET);

  /** What the stub answers. */
  record Reply(int status, String contentType, String body, Duration delay) {

    static Reply json(String body) {
      return new Reply(200, "application/json", body, Duration.ZERO);
    }

    static Reply error(String... errors) {
      StringBuilder json = new StringBuilder("{\"error\":[");
      for (int i = 0; i < errors.length; i++) {
        json.append(i == 0 ? "" : ",").append('"').append(errors[i]).append('"');
      }
      return json(json.append("]}").toString());
    }

    static Reply http(int status, String contentType, String body) {
      return new Reply(status, contentType, body, Duration.ZERO);
    }

    static Reply file(String resource) {
      return json(resource(resource));
    }

    Reply delayedBy(Duration wait) {
      return new Reply(status, contentType, body, wait);
    }
  }

  /** One request as the stub received it. */
  record Request(
      String httpMethod,
      String path,
      String method,
      Map<String, String> parameters,
      String body,
      Map<String, String> headers,
      boolean signatureValid) {

    /** The nonce of a private call. */
    long nonce() {
      return Long.parseLong(parameters.get("nonce"));
    }
  }

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final Map<String, Deque<Reply>> scripts = new HashMap<>();
  private final Map<String, Function<Request, Reply>> handlers = new HashMap<>();
  private final Map<String, String> files = new HashMap<>();
  private final List<Request> requests = new ArrayList<>();
  private long lastNonce;

  static {
    // Without it the JDK server's separate header and body writes meet delayed ACKs: ~40 ms a call.
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  KrakenStub() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(executor);
    server.createContext("/0/", this::serve);
    server.start();
  }

  /** The base URL clients use. */
  URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** A client for this stub with the stub's key and tiny backoffs. */
  KrakenClient.Builder client() {
    return KrakenClient.builder()
        .baseUrl(uri())
        .credentials(CREDENTIALS)
        .tier(CallCounter.Tier.PRO)
        .requestTimeout(Duration.ofSeconds(5))
        .retry(new RetrySettings(5, Duration.ofMillis(1), 2, Duration.ofMillis(4), 0.5));
  }

  /** The next calls of {@code method} get these replies, in order, before the default one. */
  synchronized KrakenStub script(String method, Reply... replies) {
    scripts.computeIfAbsent(method, m -> new ArrayDeque<>()).addAll(List.of(replies));
    return this;
  }

  /** Calls of {@code method} are answered by {@code handler} (after scripted replies). */
  synchronized KrakenStub handle(String method, Function<Request, Reply> handler) {
    handlers.put(method, handler);
    return this;
  }

  /**
   * Calls of {@code method} are answered with this resource file instead of {@code <Method>.json}.
   */
  synchronized KrakenStub serve(String method, String resource) {
    files.put(method, resource);
    return this;
  }

  /** Every request so far, in order of arrival. */
  synchronized List<Request> requests() {
    return List.copyOf(requests);
  }

  /** The requests for one method. */
  synchronized List<Request> requests(String method) {
    return requests.stream().filter(r -> r.method().equals(method)).toList();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private void serve(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      String method = path.substring(path.lastIndexOf('/') + 1);
      String body;
      try (InputStream in = exchange.getRequestBody()) {
        body = new String(in.readAllBytes(), UTF_8);
      }
      boolean isPrivate = path.startsWith("/0/private/");
      Map<String, String> parameters =
          parse(isPrivate ? body : exchange.getRequestURI().getRawQuery());
      Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
      exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, values.get(0)));
      boolean signatureValid =
          isPrivate
              && API_KEY.equals(headers.get("API-Key"))
              && expectedSignature(path, parameters.getOrDefault("nonce", ""), body)
                  .equals(headers.get("API-Sign"));
      Request request =
          new Request(
              exchange.getRequestMethod(), path, method, parameters, body, headers, signatureValid);
      Reply reply = reply(request, isPrivate);
      if (!reply.delay().isZero()) {
        try {
          Thread.sleep(reply.delay().toMillis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
      byte[] bytes = reply.body().getBytes(UTF_8);
      exchange.getResponseHeaders().set("Content-Type", reply.contentType());
      exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
      if (bytes.length > 0) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(bytes);
        }
      }
    } catch (IOException e) {
      // The client gave up (a timeout test); nothing to answer.
    }
  }

  private synchronized Reply reply(Request request, boolean isPrivate) {
    requests.add(request);
    if (isPrivate) {
      if (!request.signatureValid()) {
        return Reply.error("EAPI:Invalid signature");
      }
      long nonce = request.nonce();
      if (nonce <= lastNonce) {
        return Reply.error("EAPI:Invalid nonce");
      }
      lastNonce = nonce;
    }
    Deque<Reply> script = scripts.get(request.method());
    if (script != null && !script.isEmpty()) {
      return script.removeFirst();
    }
    Function<Request, Reply> handler = handlers.get(request.method());
    if (handler != null) {
      return handler.apply(request);
    }
    String file = files.getOrDefault(request.method(), request.method() + ".json");
    if (KrakenStub.class.getResource("/api/" + file) == null) {
      return Reply.error("EGeneral:Unknown method");
    }
    return Reply.file(file);
  }

  /** The API-Sign Kraken expects, computed here independently of {@link RequestSigner}. */
  static String expectedSignature(String path, String nonce, String body) {
    try {
      byte[] inner = MessageDigest.getInstance("SHA-256").digest((nonce + body).getBytes(UTF_8));
      Mac hmac = Mac.getInstance("HmacSHA512");
      hmac.init(new SecretKeySpec(Base64.getDecoder().decode(SECRET), "HmacSHA512"));
      byte[] pathBytes = path.getBytes(UTF_8);
      byte[] message = new byte[pathBytes.length + inner.length];
      System.arraycopy(pathBytes, 0, message, 0, pathBytes.length);
      System.arraycopy(inner, 0, message, pathBytes.length, inner.length);
      return Base64.getEncoder().encodeToString(hmac.doFinal(message));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A test resource under {@code /api}. */
  static String resource(String name) {
    try (InputStream in = KrakenStub.class.getResourceAsStream("/api/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("No test resource /api/" + name);
      }
      return new String(in.readAllBytes(), UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A file's text, for the shared fixtures. */
  static String read(Path file) {
    try {
      return Files.readString(file, UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Map<String, String> parse(String form) {
    Map<String, String> parameters = new LinkedHashMap<>();
    if (form == null || form.isEmpty()) {
      return parameters;
    }
    for (String pair : form.split("&", -1)) {
      int equals = pair.indexOf('=');
      String name = equals < 0 ? pair : pair.substring(0, equals);
      String value = equals < 0 ? "" : pair.substring(equals + 1);
      parameters.put(URLDecoder.decode(name, UTF_8), URLDecoder.decode(value, UTF_8));
    }
    return parameters;
  }

  private static byte[] secretBytes() {
    byte[] secret = new byte[64];
    for (int i = 0; i < secret.length; i++) {
      secret[i] = (byte) (i * 37 + 11);
    }
    return secret;
  }
}
