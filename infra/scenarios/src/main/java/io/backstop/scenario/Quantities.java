package io.backstop.scenario;

import java.math.BigDecimal;
import java.util.Map;
import java.util.regex.Pattern;

/** Reads the Kubernetes quantities the scenario format allows ({@code 250m}, {@code 512Mi}). */
public final class Quantities {

  private static final Pattern MEMORY = Pattern.compile("^([0-9]+)(Ki|Mi|Gi|Ti|k|M|G|T)?$");
  private static final Pattern CPU = Pattern.compile("^([0-9]+(?:\\.[0-9]+)?)(m?)$");
  private static final Map<String, Long> MEMORY_UNITS =
      Map.of(
          "", 1L,
          "k", 1_000L,
          "M", 1_000_000L,
          "G", 1_000_000_000L,
          "T", 1_000_000_000_000L,
          "Ki", 1L << 10,
          "Mi", 1L << 20,
          "Gi", 1L << 30,
          "Ti", 1L << 40);

  private Quantities() {}

  /** Bytes in a memory quantity such as {@code 512Mi}. */
  public static long bytes(String quantity) {
    var match = MEMORY.matcher(quantity == null ? "" : quantity.strip());
    if (!match.matches()) {
      throw new IllegalArgumentException(
          "not a memory quantity like 512Mi or 1Gi, but was '" + quantity + "'");
    }
    String unit = match.group(2) == null ? "" : match.group(2);
    return Math.multiplyExact(Long.parseLong(match.group(1)), MEMORY_UNITS.get(unit));
  }

  /** Millicores in a CPU quantity such as {@code 250m} or {@code 1.5}. */
  public static long cpuMillis(String quantity) {
    var match = CPU.matcher(quantity == null ? "" : quantity.strip());
    if (!match.matches()) {
      throw new IllegalArgumentException(
          "not a CPU quantity like 250m or 1.5, but was '" + quantity + "'");
    }
    var amount = new BigDecimal(match.group(1));
    return match.group(2).isEmpty() ? amount.movePointRight(3).longValue() : amount.longValue();
  }
}
