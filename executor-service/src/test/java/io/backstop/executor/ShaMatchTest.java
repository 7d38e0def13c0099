package io.backstop.executor;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ShaMatchTest {

  @ParameterizedTest(name = "{0} vs {1} -> {2}")
  @CsvSource({
    "7f3e2d1c0b9a887766554433221100ffeeddccbb, 7f3e2d1c0b9a887766554433221100ffeeddccbb, true",
    "7f3e2d1c0b9a, 7f3e2d1c0b9a887766554433221100ffeeddccbb, true",
    "7F3E2D1C0B9A, 7f3e2d1c0b9a887766554433221100ffeeddccbb, true",
    "7f3e2d, 7f3e2d1c0b9a887766554433221100ffeeddccbb, false",
    "9c41d0e5b7a3, 7f3e2d1c0b9a887766554433221100ffeeddccbb, false",
    "latest, 7f3e2d1c0b9a887766554433221100ffeeddccbb, false",
    "'', 7f3e2d1c0b9a887766554433221100ffeeddccbb, false"
  })
  void matchesAFullShaOrAPrefixOfAtLeastSevenHexCharacters(
      String seen, String want, boolean match) {
    assertThat(ShaMatch.matches(seen, want)).isEqualTo(match);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "registry.local/shop/checkout:7f3e2d1c0b9a, 7f3e2d1c0b9a",
    "registry.local:5000/shop/checkout, ''",
    "checkout@sha256:abcd, ''"
  })
  void readsTheTagOfAnImageReference(String image, String tag) {
    assertThat(ShaMatch.imageTag(image)).isEqualTo(tag);
  }
}
