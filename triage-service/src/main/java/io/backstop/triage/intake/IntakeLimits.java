package io.backstop.triage.intake;

import io.backstop.triage.Limits;
import java.time.Duration;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Limits of an alert, however it arrives (webhook or the alerts topic): body bytes, alerts per
 * delivery, labels and their lengths, and time bounds: an alert may not start more than {@code
 * maxAlertAge} ago nor more than {@code maxClockSkew} in the future (the sender's clock may run a
 * little ahead), and may not end before it started or more than a day from now.
 */
public record IntakeLimits(
    @DefaultValue("1048576") int maxBodyBytes,
    @DefaultValue("1000") int maxAlerts,
    @DefaultValue("64") int maxLabels,
    @DefaultValue("128") int maxNameLength,
    @DefaultValue("4096") int maxValueLength,
    @DefaultValue("P30D") Duration maxAlertAge,
    @DefaultValue("PT10M") Duration maxClockSkew) {

  /**
   * The alert's latest credible end: Alertmanager sends firing alerts with an end in the future.
   */
  public static final Duration MAX_END_AHEAD = Duration.ofDays(1);

  public IntakeLimits {
    maxAlertAge = maxAlertAge == null ? Duration.ofDays(30) : maxAlertAge;
    maxClockSkew = maxClockSkew == null ? Duration.ofMinutes(10) : maxClockSkew;
    if (maxAlertAge.isNegative() || maxAlertAge.isZero() || maxAlertAge.toDays() > 365) {
      throw new IllegalArgumentException(
          "backstop.triage.intake.max-alert-age must be between 1s and 365 days, but was "
              + maxAlertAge);
    }
    if (maxClockSkew.isNegative() || maxClockSkew.toHours() > 24) {
      throw new IllegalArgumentException(
          "backstop.triage.intake.max-clock-skew must be between 0 and 24 hours, but was "
              + maxClockSkew);
    }
    Limits.between("backstop.triage.intake.max-body-bytes", maxBodyBytes, 1024, 64 << 20);
    Limits.between("backstop.triage.intake.max-alerts", maxAlerts, 1, 100_000);
    Limits.between("backstop.triage.intake.max-labels", maxLabels, 1, 1024);
    Limits.between("backstop.triage.intake.max-name-length", maxNameLength, 1, 1024);
    Limits.between("backstop.triage.intake.max-value-length", maxValueLength, 1, 1 << 20);
  }

  public static IntakeLimits defaults() {
    return new IntakeLimits(
        1 << 20, 1000, 64, 128, 4096, Duration.ofDays(30), Duration.ofMinutes(10));
  }
}
