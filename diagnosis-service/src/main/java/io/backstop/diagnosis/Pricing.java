package io.backstop.diagnosis;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * What a target charges, in US dollars per 1,000 input and per 1,000 output tokens. Cost is exact
 * decimal arithmetic, rounded half-up to a millionth of a dollar only at the end.
 */
public record Pricing(BigDecimal inputPer1k, BigDecimal outputPer1k) {

  public static final int SCALE = 6;
  public static final Pricing FREE = new Pricing(BigDecimal.ZERO, BigDecimal.ZERO);
  private static final BigDecimal THOUSAND = BigDecimal.valueOf(1000);

  public Pricing {
    Objects.requireNonNull(inputPer1k, "inputPer1k");
    Objects.requireNonNull(outputPer1k, "outputPer1k");
    if (inputPer1k.signum() < 0 || outputPer1k.signum() < 0) {
      throw new IllegalArgumentException(
          "prices must be >= 0, but were " + inputPer1k + " and " + outputPer1k);
    }
  }

  /** The cost of one call that used these many tokens. */
  public BigDecimal cost(long inputTokens, long outputTokens) {
    BigDecimal input = inputPer1k.multiply(BigDecimal.valueOf(inputTokens));
    BigDecimal output = outputPer1k.multiply(BigDecimal.valueOf(outputTokens));
    return input.add(output).divide(THOUSAND, SCALE, RoundingMode.HALF_UP);
  }
}
