package io.backstop.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PricingTest {

  @ParameterizedTest(name = "{0} in @ {2}/1K + {1} out @ {3}/1K = {4}")
  @CsvSource({
    "2310, 412, 0.003, 0.015, 0.013110",
    "0, 0, 0.003, 0.015, 0.000000",
    "1000, 1000, 0.015, 0.075, 0.090000",
    "1000, 0, 0.0000004, 0, 0.000000",
    "1000, 0, 0.0000005, 0, 0.000001",
    "123456, 7890, 0.00072, 0.00072, 0.094569",
    "100000, 10000, 0.003, 0.015, 0.450000"
  })
  void costsTokensExactlyInDecimalRoundedHalfUpToAMillionth(
      long in, long out, String inPrice, String outPrice, String expected) {
    var pricing = new Pricing(new BigDecimal(inPrice), new BigDecimal(outPrice));

    BigDecimal cost = pricing.cost(in, out);

    assertThat(cost).isEqualByComparingTo(expected);
    assertThat(cost.scale()).isEqualTo(Pricing.SCALE);
    assertThat(cost.toPlainString()).isEqualTo(expected);
  }

  @Test
  void addsUpWithoutTheDriftOfBinaryFloatingPoint() {
    var pricing = new Pricing(new BigDecimal("0.0001"), BigDecimal.ZERO);

    BigDecimal total = BigDecimal.ZERO;
    for (int i = 0; i < 10; i++) {
      total = total.add(pricing.cost(1000, 0));
    }

    assertThat(total).isEqualByComparingTo("0.001");
  }

  @Test
  void refusesANegativePriceNamingIt() {
    assertThatThrownBy(() -> new Pricing(new BigDecimal("-0.01"), BigDecimal.ONE))
        .hasMessageContaining("-0.01");
  }
}
