package io.backstop.eval.corpus;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Kubernetes memory quantities ("512Mi", "8Gi", "2G") in bytes; absent is -1 (unknown). */
final class Quantity {

  private static final Pattern FORM = Pattern.compile("([0-9]+)(Ki|Mi|Gi|Ti|K|M|G|T)?");
  private static final Map<String, Long> UNITS =
      Map.of(
          "Ki",
          1L << 10,
          "Mi",
          1L << 20,
          "Gi",
          1L << 30,
          "Ti",
          1L << 40,
          "K",
          1_000L,
          "M",
          1_000_000L,
          "G",
          1_000_000_000L,
          "T",
          1_000_000_000_000L);

  private Quantity() {}

  static long bytes(String quantity) {
    if (quantity == null) {
      return -1;
    }
    Matcher m = FORM.matcher(quantity.strip());
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "memory must be a quantity like 512Mi or 8Gi, but was '" + quantity + "'");
    }
    long amount = Long.parseLong(m.group(1));
    return m.group(2) == null ? amount : amount * UNITS.get(m.group(2));
  }
}
