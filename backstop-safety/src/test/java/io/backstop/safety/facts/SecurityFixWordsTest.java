package io.backstop.safety.facts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The words check in front of the security-fix pattern ({@code RollbackTarget.mayNameSecurityFix})
 * only saves a matcher: wherever the pattern finds a security fix, the check lets it through, so
 * {@code rollback.undoesSecurityFix} is the pattern's answer as before.
 */
class SecurityFixWordsTest {

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "security fix for the login endpoint",
        "SECURITY: bump netty",
        "patch CVE-2024-3094 in xz",
        "cve-2021-44228",
        "GHSA-jfh8-c2jp-5v3q",
        "vulnerability in the parser",
        "Vulnerable dependency removed",
        "exploited in the wild",
        "per the Advisory of 2026-11-02",
        "(security)",
        "deploy PR #4680: order export; security"
      })
  void letsEveryPatternMatchThrough(String cause) {
    assertThat(RollbackTarget.SECURITY_FIX.matcher(cause).find()).isTrue();
    assertThat(RollbackTarget.mayNameSecurityFix(cause)).isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "deploy PR #4680: order export",
        "bump the cart's pool size",
        "",
        "secure cookies",
        "cve 2024",
        "vulner"
      })
  void answersNoWithoutAMatcherWhenNoWordIsThere(String cause) {
    assertThat(RollbackTarget.mayNameSecurityFix(cause)).isFalse();
    assertThat(RollbackTarget.SECURITY_FIX.matcher(cause).find()).isFalse();
  }

  @Test
  void neverSaysNoWhereThePatternMatchesOnRandomCauses() {
    String[] pieces = {
      "security",
      "Secur",
      "ity",
      "cve-",
      "CVE-2024-",
      "2024",
      "-1234",
      "ghsa-",
      "GHSA-ab12-",
      "ab12",
      "vulnerab",
      "Vulnerability",
      "exploit",
      "EXPLOITS",
      "advisory",
      "Advis",
      "ory",
      "fix",
      " ",
      "  ",
      "-",
      "_",
      "/",
      ":",
      "(",
      ")",
      "\n",
      "x",
      "9",
      "release",
      "ſecurity",
      "K",
      "İ",
      "é"
    };
    Random random = new Random(14);
    int matched = 0;
    for (int i = 0; i < 20_000; i++) {
      StringBuilder cause = new StringBuilder();
      for (int n = random.nextInt(8); n >= 0; n--) {
        cause.append(pieces[random.nextInt(pieces.length)]);
      }
      String text = cause.toString();
      if (RollbackTarget.SECURITY_FIX.matcher(text).find()) {
        matched++;
        assertThat(RollbackTarget.mayNameSecurityFix(text)).as(text).isTrue();
      }
    }
    assertThat(matched).as("causes the pattern matched").isGreaterThan(1_000);
  }
}
