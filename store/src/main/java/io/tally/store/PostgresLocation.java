package io.tally.store;

import static java.util.Objects.requireNonNull;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * A PostgreSQL JDBC URL split into what may be shown and what may not: the URL without any
 * password, which messages and logs name, and the connection properties that carry the user and the
 * secrets. A user or password the URL lacks comes from the environment ({@value
 * PostgresStore#USER_VARIABLE}, {@value PostgresStore#PASSWORD_VARIABLE}).
 *
 * <p>Example: {@code jdbc:postgresql://db:5432/tally?user=tally&password=s3cret} becomes the URL
 * {@code jdbc:postgresql://db:5432/tally?user=tally} and the property {@code password=s3cret}.
 * {@link #toString()} never shows a password. Immutable.
 */
final class PostgresLocation {

  /** A password in a URL's user info, as in {@code //user:secret@host}. */
  private static final Pattern USER_INFO_PASSWORD = Pattern.compile("(//[^/?#@:]*):[^/?#@]*@");

  private final String url;
  private final String user;
  private final String password;
  private final Properties secrets;

  private PostgresLocation(String url, String user, String password, Properties secrets) {
    this.url = url;
    this.user = user;
    this.password = password;
    this.secrets = secrets;
  }

  /**
   * Splits {@code jdbcUrl}: every query parameter whose name contains {@code password} (such as
   * {@code password} and {@code sslpassword}) leaves the URL for the connection properties.
   */
  static PostgresLocation of(String jdbcUrl, Map<String, String> env) {
    requireNonNull(jdbcUrl, "jdbcUrl");
    requireNonNull(env, "env");
    if (!jdbcUrl.startsWith(PortfolioStore.POSTGRESQL_PREFIX)) {
      throw new IllegalArgumentException(
          "Not a PostgreSQL URL: '" + redact(jdbcUrl) + "'; it starts with jdbc:postgresql:");
    }
    if (USER_INFO_PASSWORD.matcher(jdbcUrl).find()) {
      throw new IllegalArgumentException(
          "A PostgreSQL URL takes no user:password@ before the host ('"
              + redact(jdbcUrl)
              + "'): use ?user=...&password=... or "
              + PostgresStore.USER_VARIABLE
              + " and "
              + PostgresStore.PASSWORD_VARIABLE);
    }
    int query = jdbcUrl.indexOf('?');
    String base = query < 0 ? jdbcUrl : jdbcUrl.substring(0, query);
    List<String> kept = new ArrayList<>();
    Properties secrets = new Properties();
    String user = null;
    String password = null;
    if (query >= 0) {
      for (String parameter : jdbcUrl.substring(query + 1).split("&", -1)) {
        int equals = parameter.indexOf('=');
        String name = equals < 0 ? parameter : parameter.substring(0, equals);
        String value =
            equals < 0
                ? ""
                : URLDecoder.decode(parameter.substring(equals + 1), StandardCharsets.UTF_8);
        if (name.equals("user")) {
          user = value;
        }
        if (isSecret(name)) {
          if (name.equals("password")) {
            password = value;
          } else {
            secrets.setProperty(name, value);
          }
        } else if (!parameter.isEmpty()) {
          kept.add(parameter);
        }
      }
    }
    String url = kept.isEmpty() ? base : base + "?" + String.join("&", kept);
    if (user == null) {
      user = env.get(PostgresStore.USER_VARIABLE);
    }
    if (password == null) {
      password = env.get(PostgresStore.PASSWORD_VARIABLE);
    }
    return new PostgresLocation(url, user, password, secrets);
  }

  /**
   * {@code jdbcUrl} without its passwords: parameters whose name contains {@code password} and a
   * password before the host are left out. For messages about a URL that may not even parse.
   */
  static String redact(String jdbcUrl) {
    String withoutUserInfo = USER_INFO_PASSWORD.matcher(jdbcUrl).replaceAll("$1@");
    int query = withoutUserInfo.indexOf('?');
    if (query < 0) {
      return withoutUserInfo;
    }
    List<String> kept = new ArrayList<>();
    for (String parameter : withoutUserInfo.substring(query + 1).split("&", -1)) {
      int equals = parameter.indexOf('=');
      String name = equals < 0 ? parameter : parameter.substring(0, equals);
      if (!isSecret(name) && !parameter.isEmpty()) {
        kept.add(parameter);
      }
    }
    String base = withoutUserInfo.substring(0, query);
    return kept.isEmpty() ? base : base + "?" + String.join("&", kept);
  }

  private static boolean isSecret(String parameterName) {
    return parameterName.toLowerCase(Locale.ROOT).contains("password");
  }

  /** The URL to connect to: the given one without its passwords. */
  String url() {
    return url;
  }

  /** The user: the URL's {@code user}, or else the environment's. */
  Optional<String> user() {
    return Optional.ofNullable(user);
  }

  /** The password: the URL's {@code password}, or else the environment's. */
  Optional<String> password() {
    return Optional.ofNullable(password);
  }

  /** Secret connection properties other than the password, such as {@code sslpassword}. */
  Properties secrets() {
    Properties copy = new Properties();
    copy.putAll(secrets);
    return copy;
  }

  /** The URL without passwords. */
  @Override
  public String toString() {
    return url;
  }
}
