package io.backstop.triage.evidence;

import io.backstop.triage.Limits;
import java.time.Duration;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Bounds of one gathering: a timeout per source and for the whole (kept well under the consumer's
 * max poll interval), how many pods, log lines and bytes, events and deployments are read, how long
 * one evidence text and the whole SignalsGathered may be, and how long a revision must have run
 * before the onset to count as healthy.
 */
public record GatheringLimits(
    @DefaultValue("5s") Duration sourceTimeout,
    @DefaultValue("30s") Duration totalTimeout,
    @DefaultValue("20") int maxPods,
    @DefaultValue("3") int maxLogPods,
    @DefaultValue("50") int logLines,
    @DefaultValue("8192") int logBytes,
    @DefaultValue("30") int maxEvents,
    @DefaultValue("50") int maxDeployments,
    @DefaultValue("4000") int maxTextChars,
    @DefaultValue("262144") int maxEventBytes,
    @DefaultValue("10m") Duration minHealthyRun) {

  public GatheringLimits {
    Limits.positive("backstop.triage.gathering.source-timeout", sourceTimeout);
    Limits.positive("backstop.triage.gathering.total-timeout", totalTimeout);
    Limits.positive("backstop.triage.gathering.min-healthy-run", minHealthyRun);
    Limits.between("backstop.triage.gathering.max-pods", maxPods, 1, 500);
    Limits.between("backstop.triage.gathering.max-log-pods", maxLogPods, 0, 50);
    Limits.between("backstop.triage.gathering.log-lines", logLines, 1, 5000);
    Limits.between("backstop.triage.gathering.log-bytes", logBytes, 256, 1 << 20);
    Limits.between("backstop.triage.gathering.max-events", maxEvents, 0, 1000);
    Limits.between("backstop.triage.gathering.max-deployments", maxDeployments, 1, 1000);
    Limits.between("backstop.triage.gathering.max-text-chars", maxTextChars, 100, 65536);
    Limits.between("backstop.triage.gathering.max-event-bytes", maxEventBytes, 16384, 1 << 22);
    if (totalTimeout.compareTo(sourceTimeout) < 0) {
      throw new IllegalArgumentException(
          "backstop.triage.gathering.total-timeout must be at least source-timeout ("
              + sourceTimeout
              + "), but was "
              + totalTimeout);
    }
  }

  public static GatheringLimits defaults() {
    return new GatheringLimits(
        Duration.ofSeconds(5),
        Duration.ofSeconds(30),
        20,
        3,
        50,
        8192,
        30,
        50,
        4000,
        262144,
        Duration.ofMinutes(10));
  }
}
