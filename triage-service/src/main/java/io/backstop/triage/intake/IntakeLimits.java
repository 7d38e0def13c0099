package io.backstop.triage.intake;

import io.backstop.triage.Limits;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** Size limits of an alert delivery: body bytes, alerts per delivery, labels and their lengths. */
public record IntakeLimits(
    @DefaultValue("1048576") int maxBodyBytes,
    @DefaultValue("1000") int maxAlerts,
    @DefaultValue("64") int maxLabels,
    @DefaultValue("128") int maxNameLength,
    @DefaultValue("4096") int maxValueLength) {

  public IntakeLimits {
    Limits.between("backstop.triage.intake.max-body-bytes", maxBodyBytes, 1024, 64 << 20);
    Limits.between("backstop.triage.intake.max-alerts", maxAlerts, 1, 100_000);
    Limits.between("backstop.triage.intake.max-labels", maxLabels, 1, 1024);
    Limits.between("backstop.triage.intake.max-name-length", maxNameLength, 1, 1024);
    Limits.between("backstop.triage.intake.max-value-length", maxValueLength, 1, 1 << 20);
  }

  public static IntakeLimits defaults() {
    return new IntakeLimits(1 << 20, 1000, 64, 128, 4096);
  }
}
