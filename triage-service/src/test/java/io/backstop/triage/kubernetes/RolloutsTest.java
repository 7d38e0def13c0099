package io.backstop.triage.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RolloutsTest {

  @ParameterizedTest
  @CsvSource(
      nullValues = "none",
      value = {
        "registry.local/shop/checkout:9c41d0e5b7a3, 9c41d0e5b7a3",
        "registry.local/shop/checkout:9c41d0e5b7a3f2e1d0c9b8a7f6e5d4c3b2a19081, 9c41d0e5b7a3f2e1d0c9b8a7f6e5d4c3b2a19081",
        "registry.local/shop/checkout:v2.4.1-9c41d0e, 9c41d0e",
        "registry.local:5000/shop/checkout:v2.4.1, none",
        "registry.local/shop/checkout, none",
        "registry.local/shop/checkout@sha256:3b7f0a9e5c1d2f4a6b8c0e2d4f6a8b0c1d3e5f7a9b1c3d5e7f9a0b2c4d6e8f0a, none",
      })
  void takesTheGitShaFromAHexImageTagOnly(String image, String sha) {
    assertThat(Rollouts.shaFromImage(image).orElse(null)).isEqualTo(sha);
  }

  @Test
  void keepsTheEndOfALogWithinTheBudget() throws Exception {
    String log = "line one\n" + "x".repeat(5000) + "\nlast line\n";

    String tail = LogTail.lastChars(new StringReader(log), 1000);

    assertThat(tail).hasSizeLessThanOrEqualTo(1000).endsWith("last line\n");
  }
}
