package io.backstop.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QuantitiesTest {

  @ParameterizedTest
  @CsvSource({"512Mi, 536870912", "1Gi, 1073741824", "64Ki, 65536", "1G, 1000000000", "1000, 1000"})
  void readsMemoryQuantitiesInBytes(String quantity, long bytes) {
    assertThat(Quantities.bytes(quantity)).isEqualTo(bytes);
  }

  @ParameterizedTest
  @CsvSource({"250m, 250", "1, 1000", "1.5, 1500", "2, 2000"})
  void readsCpuQuantitiesInMillicores(String quantity, long millis) {
    assertThat(Quantities.cpuMillis(quantity)).isEqualTo(millis);
  }

  @Test
  void rejectsAQuantityItCannotReadNamingIt() {
    assertThatThrownBy(() -> Quantities.bytes("lots"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'lots'");
  }
}
