package io.backstop.triage.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The phrasings real clients log, each row a line and which failure it shows (or none). */
class LogPhrasesTest {

  static Pattern pattern(String kind) {
    return switch (kind) {
      case "credential" -> LogPhrases.CREDENTIAL;
      case "certificate" -> LogPhrases.CERTIFICATE;
      default -> LogPhrases.DNS;
    };
  }

  @ParameterizedTest(name = "{0}: {1} {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "ERR redis: WRONGPASS invalid username-password pair or user is disabled.|credential|true",
        "FATAL: password authentication failed for user \"app\"|credential|true",
        "java.sql.SQLException: Access denied for user 'cart'@'10.2.0.4' (using password: YES)|credential|true",
        "oauth2: cannot fetch token: 400 Bad Request Response: {\"error\":\"invalid_grant\"}|credential|true",
        "S3 PutObject failed: SignatureDoesNotMatch: The request signature we calculated does not match|credential|true",
        "kafka: SASL authentication failed: Invalid username or password|credential|true",
        "Login failed for user 'reporting'.|credential|true",
        "ExpiredToken: The security token included in the request is expired|credential|true",
        "POST /v2/authorize -> 401 Unauthorized|credential|true",
        "GET /api/cart 200 12ms|credential|false",
        "user logged out; session closed|credential|false",
        "x509: certificate has expired or is not yet valid: current time 2026-11-24 is after 2026-11-20|certificate|true",
        "javax.net.ssl.SSLHandshakeException: PKIX path validation failed: validity check failed|certificate|true",
        "Error: certificate has expired (CERT_HAS_EXPIRED)|certificate|true",
        "certificate rotated, new expiry 2027-01-01|certificate|false",
        "dial tcp: lookup payments on 10.96.0.10:53: no such host|dns|true",
        "java.net.UnknownHostException: ledger.shop.svc.cluster.local|dns|true",
        "getaddrinfo ENOTFOUND search-api|dns|true",
        "curl: (6) Could not resolve host: api.example.com|dns|true",
        "Temporary failure in name resolution|dns|true",
        "connected to payments:8080 in 3ms|dns|false",
      })
  void recognisesTheFailureARealClientLogs(String line, String kind, boolean found) {
    assertThat(LogPhrases.first(pattern(kind), line).isPresent()).isEqualTo(found);
  }
}
