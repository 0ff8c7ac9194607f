package io.tally.cli;

import io.tally.engine.config.TallyConfig;
import io.tally.kraken.api.CallCounter;
import io.tally.kraken.api.FileNonceSource;
import io.tally.kraken.api.KrakenClient;
import io.tally.kraken.api.KrakenCredentials;
import java.net.URI;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The {@code --kraken-url URL} option and the one way commands reach Kraken: a client with the
 * read-only key from {@code KRAKEN_API_KEY} and {@code KRAKEN_API_SECRET} (never from files or
 * flags), the configured tier's call budget, and the nonce file of the database; or a client of
 * public calls only, which needs no key. Public calls keep to Kraken's per-address pace, except
 * against a Kraken on the loopback interface (the simulator, a test stub), which has no such limit.
 *
 * <p>Example: {@code @Mixin KrakenOption kraken;} then {@code kraken.client(config, env, nonceFile,
 * clock)}.
 */
final class KrakenOption {

  @Option(
      names = "--kraken-url",
      paramLabel = "URL",
      description = "Kraken's REST base URL, e.g. the simulator's (overrides kraken.base_url)")
  URI krakenUrl;

  /** {@code config} with the URL given on the command line, if any. */
  TallyConfig apply(TallyConfig config) {
    return krakenUrl == null ? config : config.withKraken(config.kraken().withBaseUrl(krakenUrl));
  }

  /** A client when the environment has a key; empty otherwise. */
  Optional<KrakenClient> client(
      TallyConfig config, Map<String, String> env, java.nio.file.Path nonceFile, Clock clock) {
    return KrakenCredentials.fromEnvironment(env)
        .map(
            credentials ->
                KrakenClient.builder()
                    .baseUrl(config.kraken().baseUrl())
                    .credentials(credentials)
                    .tier(CallCounter.Tier.parse(config.kraken().tier()))
                    .nonceSource(new FileNonceSource(nonceFile, clock))
                    .clock(clock)
                    .pacePublicCalls(!onLoopback(config.kraken().baseUrl()))
                    .build());
  }

  /** A client for Kraken's public calls only (market data, Assets, AssetPairs): no key needed. */
  KrakenClient publicClient(TallyConfig config, Clock clock) {
    return KrakenClient.builder()
        .baseUrl(config.kraken().baseUrl())
        .clock(clock)
        .pacePublicCalls(!onLoopback(config.kraken().baseUrl()))
        .build();
  }

  /**
   * Whether {@code url} names this machine's loopback interface ({@code localhost}, {@code
   * 127.x.x.x}, {@code [::1]}) by itself, without asking a name server.
   */
  static boolean onLoopback(URI url) {
    String host = url.getHost() == null ? "" : url.getHost().toLowerCase(java.util.Locale.ROOT);
    return host.equals("localhost")
        || host.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}")
        || host.equals("[::1]")
        || host.equals("::1");
  }

  /** The client, or a message naming the variables to set. */
  KrakenClient requireClient(
      String command,
      TallyConfig config,
      Map<String, String> env,
      java.nio.file.Path nonceFile,
      Clock clock) {
    return client(config, env, nonceFile, clock)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    command
                        + " needs a read-only Kraken API key: set "
                        + KrakenCredentials.KEY_VARIABLE
                        + " and "
                        + KrakenCredentials.SECRET_VARIABLE));
  }
}
