package io.backstop.triage.evidence;

import io.backstop.triage.Limits;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Bounds of one gathering: a timeout per source and for the whole (kept well under the consumer's
 * max poll interval), how many pods, log lines and bytes, events and deployments are read, how long
 * one evidence text and the whole SignalsGathered may be, the one health window revisions are
 * judged by ({@link Health}), and how far beyond the alerted workload triage looks ({@link
 * Related}).
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
    @DefaultValue Health health,
    @DefaultValue Related related) {

  public GatheringLimits {
    Limits.positive("backstop.triage.gathering.source-timeout", sourceTimeout);
    Limits.positive("backstop.triage.gathering.total-timeout", totalTimeout);
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
    health = health == null ? Health.defaults() : health;
    related = related == null ? Related.defaults() : related;
  }

  /**
   * The one health window (the policy reads it from {@code Gathering.healthWindow}): a revision ran
   * healthy only if its pods were ready and its error signal under the threshold for the whole
   * window. {@code fromRolloutRecord}: when no error signal covers a revision's window (Prometheus
   * absent, or its retention shorter than the revision's age), the rollout record (it ran the
   * window, its rollout completed, it was not rolled back from, it was replaced before the onset)
   * may show health; false makes such revisions UNKNOWN.
   */
  public record Health(
      @DefaultValue("30m") Duration window, @DefaultValue("true") boolean fromRolloutRecord) {

    public Health {
      Limits.positive("backstop.triage.gathering.health.window", window);
      if (window.compareTo(Duration.ofDays(1)) > 0) {
        throw new IllegalArgumentException(
            "backstop.triage.gathering.health.window must be at most 1d, but was " + window);
      }
    }

    public static Health defaults() {
      return new Health(Duration.ofMinutes(30), true);
    }
  }

  /**
   * How far beyond the alerted workload one gathering looks: at most {@code maxWorkloads} related
   * workloads (dependencies, anomalous neighbours, workloads on the same nodes, other legs of a
   * release) get evidence of their own, at most {@code maxNodes} nodes are read, at most {@code
   * maxApiCalls} Kubernetes and {@code maxMetricQueries} Prometheus calls are made, log tails of at
   * most {@code logPodsPerWorkload} pods per related workload are read; {@code nodes} and {@code
   * configMetadata} turn the node reads and the Secret/ConfigMap metadata reads off; a replica or
   * config change counts as recent within {@code changeWindow}; field managers in {@code
   * backstopFieldManagers} are Backstop's own writes. What the bounds leave out is listed in {@code
   * Gathering.skipped}.
   */
  public record Related(
      @DefaultValue("8") int maxWorkloads,
      @DefaultValue("3") int maxNodes,
      @DefaultValue("60") int maxApiCalls,
      @DefaultValue("40") int maxMetricQueries,
      @DefaultValue("1") int logPodsPerWorkload,
      @DefaultValue("2000") int maxNamespacePods,
      @DefaultValue("true") boolean nodes,
      @DefaultValue("true") boolean configMetadata,
      @DefaultValue("2h") Duration changeWindow,
      @DefaultValue("backstop-executor") List<String> backstopFieldManagers) {

    public Related {
      Limits.between("backstop.triage.gathering.related.max-workloads", maxWorkloads, 0, 100);
      Limits.between("backstop.triage.gathering.related.max-nodes", maxNodes, 0, 50);
      Limits.between("backstop.triage.gathering.related.max-api-calls", maxApiCalls, 10, 1000);
      Limits.between(
          "backstop.triage.gathering.related.max-metric-queries", maxMetricQueries, 1, 1000);
      Limits.between(
          "backstop.triage.gathering.related.log-pods-per-workload", logPodsPerWorkload, 0, 10);
      Limits.between(
          "backstop.triage.gathering.related.max-namespace-pods", maxNamespacePods, 10, 100_000);
      Limits.positive("backstop.triage.gathering.related.change-window", changeWindow);
      backstopFieldManagers =
          backstopFieldManagers == null ? List.of() : List.copyOf(backstopFieldManagers);
    }

    public static Related defaults() {
      return new Related(
          8, 3, 60, 40, 1, 2000, true, true, Duration.ofHours(2), List.of("backstop-executor"));
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
        Health.defaults(),
        Related.defaults());
  }

  /** The same limits with other timeouts. */
  public GatheringLimits withTimeouts(Duration perSource, Duration total) {
    return new GatheringLimits(
        perSource,
        total,
        maxPods,
        maxLogPods,
        logLines,
        logBytes,
        maxEvents,
        maxDeployments,
        maxTextChars,
        maxEventBytes,
        health,
        related);
  }

  /** The same limits with another bound on what is gathered beyond the alerted workload. */
  public GatheringLimits withRelated(Related newRelated) {
    return new GatheringLimits(
        sourceTimeout,
        totalTimeout,
        maxPods,
        maxLogPods,
        logLines,
        logBytes,
        maxEvents,
        maxDeployments,
        maxTextChars,
        maxEventBytes,
        health,
        newRelated);
  }
}
