package io.tally.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PostgresLocationTest {

  private static final Map<String, String> ENV =
      Map.of(PostgresStore.USER_VARIABLE, "env-user", PostgresStore.PASSWORD_VARIABLE, "env-pw");

  @Test
  void thePasswordLeavesTheUrlAndTheUserStays() {
    PostgresLocation location =
        PostgresLocation.of(
            "jdbc:postgresql://db:5432/tally?user=me&password=s3cret&ssl=true", Map.of());

    assertThat(location.url()).isEqualTo("jdbc:postgresql://db:5432/tally?user=me&ssl=true");
    assertThat(location.user()).contains("me");
    assertThat(location.password()).contains("s3cret");
    assertThat(location.toString()).doesNotContain("s3cret");
  }

  @Test
  void credentialsMissingFromTheUrlComeFromTheEnvironment() {
    PostgresLocation location = PostgresLocation.of("jdbc:postgresql://db/tally", ENV);

    assertThat(location.url()).isEqualTo("jdbc:postgresql://db/tally");
    assertThat(location.user()).contains("env-user");
    assertThat(location.password()).contains("env-pw");
  }

  @Test
  void theUrlsCredentialsWinOverTheEnvironment() {
    PostgresLocation location =
        PostgresLocation.of("jdbc:postgresql://db/tally?user=me&password=p%26w", ENV);

    assertThat(location.user()).contains("me");
    assertThat(location.password()).contains("p&w"); // URL-decoded, as the driver does
  }

  @Test
  void withNeitherThereAreNoCredentials() {
    PostgresLocation location = PostgresLocation.of("jdbc:postgresql://db/tally", Map.of());

    assertThat(location.user()).isEmpty();
    assertThat(location.password()).isEmpty();
  }

  @Test
  void otherSecretsMoveToTheConnectionPropertiesToo() {
    PostgresLocation location =
        PostgresLocation.of(
            "jdbc:postgresql://db/tally?sslmode=verify-full&sslpassword=key-pw", Map.of());

    assertThat(location.url()).isEqualTo("jdbc:postgresql://db/tally?sslmode=verify-full");
    assertThat(location.secrets()).containsEntry("sslpassword", "key-pw");
    assertThat(location.password()).isEmpty();
  }

  @Test
  void redactRemovesEveryPasswordFromAnyUrl() {
    assertThat(PostgresLocation.redact("jdbc:postgresql://db/t?password=a&user=u&PassWord=b"))
        .isEqualTo("jdbc:postgresql://db/t?user=u");
    assertThat(PostgresLocation.redact("jdbc:postgresql://db/t?password=a"))
        .isEqualTo("jdbc:postgresql://db/t");
    assertThat(PostgresLocation.redact("jdbc:mysql://me:s3cret@db/t"))
        .isEqualTo("jdbc:mysql://me@db/t");
    assertThat(PostgresLocation.redact("jdbc:postgresql://[::1]:5432/t"))
        .isEqualTo("jdbc:postgresql://[::1]:5432/t");
  }

  @Test
  void aPasswordBeforeTheHostIsRejectedWithoutShowingIt() {
    assertThatThrownBy(() -> PostgresLocation.of("jdbc:postgresql://me:s3cret@db/t", Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("jdbc:postgresql://me@db/t")
        .hasMessageContaining(PostgresStore.PASSWORD_VARIABLE)
        .hasMessageNotContaining("s3cret");
  }

  @Test
  void onlyPostgresqlUrlsAreTaken() {
    assertThatThrownBy(() -> PostgresLocation.of("jdbc:sqlite:tally.db", Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("jdbc:postgresql:");
  }
}
