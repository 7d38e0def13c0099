package io.backstop.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RedactorTest {

  private final Redactor redactor = new Redactor();

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "Authorization: Bearer abcdefghijklmnop123 | Authorization: Bearer [REDACTED:BEARER]",
        "postgres://app:s3cret@db:5432/x | postgres://app:[REDACTED:URL_CREDENTIALS]@db:5432/x",
        "redis://:s3cret@cache:6379 | redis://:[REDACTED:URL_CREDENTIALS]@cache:6379",
        "mailgun key-3ax6xnjp29jd6fds4gc373sgvjxteol0x | mailgun key-3ax6xnjp29jd6fds4gc373sgvjxteol0x",
        "mailgun key-0123456789abcdef0123456789abcdef | mailgun [REDACTED:API_KEY]",
        "DB_PASSWORD=hunter22 | DB_PASSWORD=[REDACTED:PASSWORD]",
        "key AKIAIOSFODNN7EXAMPLE used | key [REDACTED:AWS_ACCESS_KEY] used",
        "pay with sk_live_4eC39HqLyjWDarjtT1zdp7dc | pay with [REDACTED:API_KEY]",
        "\"token\": \"a b c d\" | \"token\": \"[REDACTED:TOKEN]\"",
      })
  void replacesSecretWithTypedMarker(String input, String expected) {
    assertThat(redactor.redact(input).text()).isEqualTo(expected);
  }

  @Test
  void keepsMarkersFromAnEarlierPassIntact() {
    String once = redactor.redact("token=[REDACTED:BEARER] password=[REDACTED:PASSWORD]").text();

    assertThat(once).isEqualTo("token=[REDACTED:BEARER] password=[REDACTED:PASSWORD]");
  }

  @Test
  void redactsPrivateKeyCutOffByTheLogTail() {
    Redaction r =
        redactor.redact("dump: -----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEF");

    assertThat(r.text()).isEqualTo("dump: [REDACTED:PRIVATE_KEY]");
    assertThat(r.count()).isEqualTo(1);
  }

  @Test
  void neverTreatsGitShasOrUuidsAsHighEntropySecrets() {
    assertThat(HighEntropyTokens.looksRandom("9c41d0e5b7a3f2e1d0c9b8a7f6e5d4c3b2a19081")).isFalse();
    assertThat(HighEntropyTokens.looksRandom("8f14e45fceea467fa0e63c3b0b2f4b3e")).isFalse();
    assertThat(HighEntropyTokens.looksRandom("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")).isTrue();
  }

  @Test
  void handlesNullAndEmptyText() {
    assertThat(redactor.redact(null)).isEqualTo(new Redaction("", 0));
    assertThat(redactor.redact("")).isEqualTo(new Redaction("", 0));
  }
}
