package io.backstop.triage.evidence;

import io.backstop.events.id.EvidenceId;
import io.backstop.events.signal.Symptom;
import io.backstop.events.signal.SymptomKind;
import io.backstop.triage.kubernetes.EventObservation;
import io.backstop.triage.kubernetes.PodObservation;
import io.backstop.triage.metrics.ErrorSignal;
import io.backstop.triage.metrics.MetricReading;
import io.backstop.triage.metrics.PrometheusSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Recognises symptoms of the target from what was observed, each with the evidence ids that show
 * it. Only facts count: pod states and reasons, events, log lines matching known failure words, and
 * metric values over their configured thresholds, pod usage against the pods' limits (saturation
 * and memory growth are {@link ResourcePressure}'s). No metric, no metric symptom.
 */
public final class SymptomRecognizer {

  static final Duration WEDGED_AFTER = Duration.ofMinutes(2);

  private static final Set<String> IMAGE_PULL =
      Set.of("ErrImagePull", "ImagePullBackOff", "InvalidImageName", "ErrImageNeverPull");
  private static final Pattern EPHEMERAL =
      Pattern.compile(
          "(?i)ephemeral(?:[- ]storage| local storage)|DiskPressure|low on resource: ephemeral");

  /** The kubelet's words for a container whose referenced Secret or ConfigMap is missing. */
  private static final Pattern CONFIG_NOT_FOUND =
      Pattern.compile("(?i)(?:configmap|secret) \"?[a-z0-9.-]+\"? not found");

  /** A ReplicaSet's pod creation refused by quota or admission (not a transient API error). */
  private static final Pattern REFUSED_CREATE =
      Pattern.compile("(?i)exceeded quota|forbidden|maximum allowed");

  private static final Pattern MEMORY_EVICTION =
      Pattern.compile("(?i)low on resource: memory|MemoryPressure");

  public List<Symptom> recognise(Observations o) {
    List<Symptom> symptoms = new ArrayList<>();
    crashLoop(o).ifPresent(symptoms::add);
    podReason(
            o,
            SymptomKind.OOM_KILLED,
            p -> "OOMKilled".equals(p.lastTerminatedReason()),
            e -> e.reason().startsWith("OOM"),
            "OOMKilled")
        .or(() -> oomKilledInMetrics(o))
        .ifPresent(symptoms::add);
    podReason(
            o,
            SymptomKind.IMAGE_PULL_FAILURE,
            p -> p.waitingReason() != null && IMAGE_PULL.contains(p.waitingReason()),
            e -> e.reason().equals("Failed") && e.message().toLowerCase().contains("pull"),
            "cannot pull image")
        .ifPresent(symptoms::add);
    credentials(o).ifPresent(symptoms::add);
    podReason(
            o,
            SymptomKind.CONFIG_MISSING,
            p -> "CreateContainerConfigError".equals(p.waitingReason()),
            e -> CONFIG_NOT_FOUND.matcher(e.message()).find(),
            "cannot start: a referenced Secret or ConfigMap is missing")
        .ifPresent(symptoms::add);
    podReason(
            o,
            SymptomKind.REPLICAS_BLOCKED,
            PodObservation::unschedulable,
            e ->
                e.reason().equals("FailedScheduling")
                    || (e.reason().equals("FailedCreate")
                        && REFUSED_CREATE.matcher(e.message()).find()),
            "refused: pods cannot be created or scheduled")
        .ifPresent(symptoms::add);
    wedged(o).ifPresent(symptoms::add);
    evictions(o, EPHEMERAL, SymptomKind.EPHEMERAL_STORAGE, "ephemeral storage")
        .ifPresent(symptoms::add);
    evictions(o, MEMORY_EVICTION, SymptomKind.NODE_MEMORY_PRESSURE, "node memory pressure")
        .ifPresent(symptoms::add);
    logPhrase(o, LogPhrases.CERTIFICATE, SymptomKind.CERTIFICATE_EXPIRY, "certificate errors")
        .ifPresent(symptoms::add);
    logPhrase(o, LogPhrases.DNS, SymptomKind.DNS_FAILURE, "name resolution failures")
        .ifPresent(symptoms::add);
    logPhrase(
            o,
            LogPhrases.API_FORBIDDEN,
            SymptomKind.API_FORBIDDEN,
            "Kubernetes API authorization failures")
        .ifPresent(symptoms::add);
    volumeConflict(o).ifPresent(symptoms::add);
    PrometheusSettings s = o.report().settings();
    errorRate(o, s).ifPresent(symptoms::add);
    over(o, PrometheusSettings.LATENCY_P99, s.latencyThresholdSeconds(), SymptomKind.LATENCY)
        .ifPresent(symptoms::add);
    ResourcePressure.saturation(o).ifPresent(symptoms::add);
    ResourcePressure.memoryGrowth(o).ifPresent(symptoms::add);
    return symptoms;
  }

  private Optional<Symptom> crashLoop(Observations o) {
    List<Cited<PodObservation>> looping =
        o.pods().stream().filter(p -> p.value().crashLooping()).toList();
    if (looping.isEmpty()) {
      return Optional.empty();
    }
    Set<String> names = names(looping);
    List<Cited<EventObservation>> backoffs =
        o.events().stream()
            .filter(
                e -> e.value().reason().equals("BackOff") && names.contains(e.value().objectName()))
            .toList();
    Stream<Optional<EvidenceId>> ids =
        Stream.of(ids(looping), ids(backoffs), ids(logsOf(o, names))).flatMap(List::stream);
    Instant since =
        earliest(
            Stream.concat(
                looping.stream().map(p -> p.value().createdAt()),
                backoffs.stream().map(e -> e.value().firstSeen())));
    String detail = looping.size() + " of " + o.pods().size() + " pods in CrashLoopBackOff";
    return Optional.of(symptom(SymptomKind.CRASH_LOOP, o, since, ids, detail));
  }

  private Optional<Symptom> podReason(
      Observations o,
      SymptomKind kind,
      Predicate<PodObservation> pod,
      Predicate<EventObservation> event,
      String what) {
    List<Cited<PodObservation>> pods = o.pods().stream().filter(p -> pod.test(p.value())).toList();
    List<Cited<EventObservation>> events =
        o.events().stream().filter(e -> event.test(e.value())).toList();
    if (pods.isEmpty() && events.isEmpty()) {
      return Optional.empty();
    }
    Instant since =
        earliest(
            Stream.concat(
                pods.stream().map(p -> p.value().createdAt()),
                events.stream().map(e -> e.value().firstSeen())));
    String detail = pods.size() + " of " + o.pods().size() + " pods " + what;
    return Optional.of(
        symptom(kind, o, since, Stream.concat(ids(pods).stream(), ids(events).stream()), detail));
  }

  /** kube-state-metrics' last-terminated reason, for when no listed pod shows the OOMKill. */
  private Optional<Symptom> oomKilledInMetrics(Observations o) {
    return metric(o, PrometheusSettings.OOM_KILLED)
        .filter(m -> m.value().hasValue() && m.value().latest() > 0)
        .map(
            m ->
                symptom(
                    SymptomKind.OOM_KILLED,
                    o,
                    null,
                    Stream.of(m.id()),
                    Math.round(m.value().latest())
                        + " containers last terminated OOMKilled (kube-state-metrics)"));
  }

  private Optional<Symptom> credentials(Observations o) {
    List<Cited<PodObservation>> pods =
        o.pods().stream()
            .filter(p -> "CreateContainerConfigError".equals(p.value().waitingReason()))
            .toList();
    List<Cited<LogExcerpt>> logs =
        o.logs().stream()
            .filter(l -> LogPhrases.CREDENTIAL.matcher(l.value().text()).find())
            .toList();
    if (pods.isEmpty() && logs.isEmpty()) {
      return Optional.empty();
    }
    List<String> phrases =
        logs.stream()
            .flatMap(l -> LogPhrases.all(LogPhrases.CREDENTIAL, l.value().text(), 3).stream())
            .distinct()
            .limit(3)
            .toList();
    String detail =
        logs.size()
            + " logs with authentication failures"
            + (phrases.isEmpty() ? "" : " (" + String.join(", ", phrases) + ")")
            + ", "
            + pods.size()
            + " pods missing configuration";
    return Optional.of(
        symptom(
            SymptomKind.CREDENTIAL_FAILURE,
            o,
            null,
            Stream.concat(ids(pods).stream(), ids(logs).stream()),
            detail));
  }

  /** Pods the kubelet evicted for a resource, and the Evicted events that say so. */
  private Optional<Symptom> evictions(Observations o, Pattern why, SymptomKind kind, String what) {
    List<Cited<PodObservation>> pods =
        o.pods().stream()
            .filter(p -> p.value().evicted())
            .filter(p -> p.value().message() != null && why.matcher(p.value().message()).find())
            .toList();
    List<Cited<EventObservation>> events =
        o.events().stream()
            .filter(
                e -> e.value().reason().equals("Evicted") || e.value().reason().equals("Evicting"))
            .filter(e -> why.matcher(e.value().message()).find())
            .toList();
    if (pods.isEmpty() && events.isEmpty()) {
      return Optional.empty();
    }
    Instant since =
        earliest(
            Stream.concat(
                pods.stream().map(p -> p.value().createdAt()),
                events.stream().map(e -> e.value().firstSeen())));
    int count = Math.max(pods.size(), events.stream().mapToInt(e -> e.value().count()).sum());
    String detail = count + " pod evictions for " + what;
    return Optional.of(
        symptom(kind, o, since, Stream.concat(ids(pods).stream(), ids(events).stream()), detail));
  }

  private Optional<Symptom> logPhrase(
      Observations o, Pattern pattern, SymptomKind kind, String what) {
    List<Cited<LogExcerpt>> logs =
        o.logs().stream().filter(l -> pattern.matcher(l.value().text()).find()).toList();
    if (logs.isEmpty()) {
      return Optional.empty();
    }
    List<String> phrases =
        logs.stream()
            .flatMap(l -> LogPhrases.all(pattern, l.value().text(), 3).stream())
            .distinct()
            .limit(3)
            .toList();
    String detail = logs.size() + " logs with " + what + " (" + String.join(", ", phrases) + ")";
    return Optional.of(symptom(kind, o, null, ids(logs).stream(), detail));
  }

  /** A ReadWriteOnce volume attached elsewhere: the attach controller's Multi-Attach events. */
  private Optional<Symptom> volumeConflict(Observations o) {
    List<Cited<EventObservation>> events =
        o.events().stream().filter(e -> e.value().message().contains("Multi-Attach")).toList();
    if (events.isEmpty()) {
      return Optional.empty();
    }
    Instant since = earliest(events.stream().map(e -> e.value().firstSeen()));
    String detail =
        events.size() + " Multi-Attach errors: a ReadWriteOnce volume is in use by another pod";
    return Optional.of(
        symptom(SymptomKind.VOLUME_CONFLICT, o, since, ids(events).stream(), detail));
  }

  /**
   * The error signal against the workload's own baseline; without one, the {@code error_ratio}
   * reading against the threshold.
   */
  private Optional<Symptom> errorRate(Observations o, PrometheusSettings s) {
    if (o.errors() != null) {
      ErrorSignal e = o.errors().value();
      if (!e.anomalous()) {
        return Optional.empty();
      }
      return Optional.of(
          symptom(
              SymptomKind.ERROR_RATE,
              o,
              e.onset(),
              Stream.of(o.errors().id()),
              "error signal " + e.describe()));
    }
    return over(o, PrometheusSettings.ERROR_RATIO, s.errorRatioThreshold(), SymptomKind.ERROR_RATE);
  }

  private Optional<Symptom> wedged(Observations o) {
    List<Cited<PodObservation>> wedged =
        o.pods().stream().filter(p -> isWedged(p.value(), o.now())).toList();
    if (wedged.isEmpty()) {
      return Optional.empty();
    }
    Instant since = earliest(wedged.stream().map(p -> p.value().createdAt()));
    String detail = wedged.size() + " of " + o.pods().size() + " pods running but not ready";
    return Optional.of(symptom(SymptomKind.WEDGED_PODS, o, since, ids(wedged).stream(), detail));
  }

  static boolean isWedged(PodObservation p, Instant now) {
    return "Running".equals(p.phase())
        && !p.ready()
        && p.waitingReason() == null
        && p.restarts() == 0
        && p.createdAt() != null
        && p.createdAt().plus(WEDGED_AFTER).isBefore(now);
  }

  private Optional<Symptom> over(Observations o, String name, double threshold, SymptomKind kind) {
    return metric(o, name)
        .filter(m -> m.value().hasValue() && m.value().latest() > threshold)
        .map(
            m ->
                symptom(
                    kind,
                    o,
                    kind == SymptomKind.ERROR_RATE ? o.report().onset() : null,
                    Stream.of(m.id()),
                    name + " " + m.value().latest() + ", threshold " + threshold));
  }

  private static Optional<Cited<MetricReading>> metric(Observations o, String name) {
    return o.metrics().stream().filter(m -> m.value().name().equals(name)).findFirst();
  }

  private static List<Cited<LogExcerpt>> logsOf(Observations o, Set<String> pods) {
    return o.logs().stream().filter(l -> pods.contains(l.value().pod())).toList();
  }

  private static Set<String> names(List<Cited<PodObservation>> pods) {
    Set<String> names = new LinkedHashSet<>();
    pods.forEach(p -> names.add(p.value().name()));
    return names;
  }

  private static <T> List<Optional<EvidenceId>> ids(List<Cited<T>> cited) {
    return cited.stream().map(Cited::id).toList();
  }

  static Symptom symptom(
      SymptomKind kind,
      Observations o,
      Instant since,
      Stream<Optional<EvidenceId>> ids,
      String detail) {
    List<EvidenceId> evidence =
        ids.flatMap(Optional::stream)
            .distinct()
            .sorted(
                Comparator.comparingInt(
                    (EvidenceId id) -> Integer.parseInt(id.value().substring(1))))
            .toList();
    return new Symptom(kind, o.target(), since, evidence, detail);
  }

  private static Instant earliest(Stream<Instant> times) {
    return times.filter(Objects::nonNull).min(Comparator.naturalOrder()).orElse(null);
  }
}
