package io.backstop.triage.metrics;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which HTTP status codes count as errors for one workload: {@code auto} (the default: every 5xx,
 * and any other non-2xx code that was near zero before and is not now), or a list of codes and
 * classes ({@code 5xx, 409, 422}) set on the Deployment with the annotation {@code
 * backstop.io/error-codes} or by the setting {@code backstop.triage.prometheus.error-codes}. A
 * service whose conflicts are its regression (409s after a schema change) says so; a service whose
 * 404s are normal traffic is not paged for them.
 */
public record ErrorCodes(boolean auto, Set<String> patterns) {

  public static final String ANNOTATION = "backstop.io/error-codes";
  public static final ErrorCodes AUTO = new ErrorCodes(true, Set.of());

  private static final Pattern ITEM = Pattern.compile("[1-5](?:[0-9]{2}|xx)");

  public ErrorCodes {
    patterns = Set.copyOf(patterns);
  }

  /**
   * Reads {@code auto} or a comma-separated list such as {@code 5xx, 409}; empty when the text is
   * not one (the caller falls back and says so).
   */
  public static Optional<ErrorCodes> parse(String text) {
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    String t = text.strip().toLowerCase(Locale.ROOT);
    if (t.equals("auto")) {
      return Optional.of(AUTO);
    }
    Set<String> out = new LinkedHashSet<>();
    for (String item : t.split("[,\\s]+")) {
      if (item.isEmpty()) {
        continue;
      }
      if (!ITEM.matcher(item).matches()) {
        return Optional.empty();
      }
      out.add(item);
    }
    return out.isEmpty() ? Optional.empty() : Optional.of(new ErrorCodes(false, out));
  }

  /** Whether a code is always counted: any 5xx under auto, a listed code or class otherwise. */
  public boolean always(String code) {
    if (auto) {
      return code.startsWith("5");
    }
    return patterns.contains(code)
        || (code.length() == 3 && patterns.contains(code.charAt(0) + "xx"));
  }

  /** Whether a code may join under auto: non-2xx, not 5xx (already counted), not 1xx. */
  public boolean candidate(String code) {
    return auto && code.length() == 3 && (code.startsWith("3") || code.startsWith("4"));
  }

  /** A regular expression for Prometheus' {@code code} label matching the given codes. */
  public static String regex(List<String> codes) {
    return String.join("|", codes.stream().map(c -> c.replace("xx", "..")).toList());
  }

  @Override
  public String toString() {
    return auto ? "auto" : String.join(",", patterns);
  }
}
