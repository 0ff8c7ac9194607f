package io.tally.kraken.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RecoveryTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "EService:Unavailable | BACK_OFF",
        "EService:Busy | BACK_OFF",
        "EService: Throttled: 1699999999 | BACK_OFF",
        "EGeneral:Too many requests | BACK_OFF",
        "EGeneral:Internal error:42 | BACK_OFF",
        "EDatabase:Internal error | BACK_OFF",
        "EAPI:Rate limit exceeded | WAIT_FOR_DECAY",
        "EAPI:Invalid nonce | FRESH_NONCE",
        "EGeneral:Temporary lockout | LOCKED_OUT",
        "EAPI:Invalid key | FIX_CREDENTIALS",
        "EAPI:Invalid signature | FIX_CREDENTIALS",
        "EGeneral:Permission denied | FIX_CREDENTIALS",
        "EGeneral:Invalid arguments:Index unavailable | FAIL",
        "EQuery:Unknown asset pair | FAIL",
        "EOrder:Rate limit exceeded | FAIL",
      })
  void classifiesKrakenErrorsByPrefix(String error, Recovery expected) {
    assertThat(Recovery.of(List.of(error))).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "BACK_OFF | true",
        "WAIT_FOR_DECAY | true",
        "FRESH_NONCE | true",
        "LOCKED_OUT | true",
        "FIX_CREDENTIALS | false",
        "FAIL | false"
      })
  void saysWhatIsRetryable(Recovery recovery, boolean retryable) {
    assertThat(recovery.retryable()).isEqualTo(retryable);
  }

  @Test
  void theMostRestrictiveErrorDecides() {
    assertThat(Recovery.of(List.of("EService:Busy", "EAPI:Invalid key")))
        .isEqualTo(Recovery.FIX_CREDENTIALS);
    assertThat(Recovery.of(List.of())).isEqualTo(Recovery.FAIL);
  }
}
