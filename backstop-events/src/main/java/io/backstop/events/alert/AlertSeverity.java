package io.backstop.events.alert;

import java.util.Locale;

/** Alert severity, mapped from the source's own words. Unknown words become WARNING. */
public enum AlertSeverity {
  CRITICAL,
  ERROR,
  WARNING,
  INFO;

  public static AlertSeverity fromLabel(String label) {
    if (label == null) {
      return WARNING;
    }
    return switch (label.strip().toLowerCase(Locale.ROOT)) {
      case "critical", "page", "p1", "sev1" -> CRITICAL;
      case "error", "high", "major", "p2", "sev2" -> ERROR;
      case "info", "informational", "low", "none" -> INFO;
      default -> WARNING;
    };
  }
}
