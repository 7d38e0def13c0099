package io.backstop.executor.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImageTagTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "registry.local/shop/checkout:7f3e2d1c0b9a, 7f3e2d1c0b9a",
    "registry.local:5000/shop/checkout, ''",
    "checkout@sha256:abcd, ''"
  })
  void readsTheTagOfAnImageReference(String image, String tag) {
    assertThat(KubernetesLiveState.imageTag(image)).isEqualTo(tag);
  }
}
