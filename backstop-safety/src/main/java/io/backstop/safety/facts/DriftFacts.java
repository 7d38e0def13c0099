package io.backstop.safety.facts;

import io.backstop.events.signal.DriftDimension;
import io.backstop.events.signal.SymptomKind;
import io.backstop.events.signal.TemplateDrift;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The ways the target's running pods differ from their template in the dimension that is failing.
 * Safety rationale: a rollback restores a template, and whatever mutated the running pods (a
 * mutating webhook, a LimitRange default) mutates the restored ones the same way, so a crash caused
 * by drift survives the rollback. Drift counts when triage says so ({@code TEMPLATE_DRIFT}) or when
 * its dimension is one that the target's own symptoms implicate (a rewritten memory limit and OOM
 * kills; a rewritten image and a crash loop), or when an injected container is itself the one
 * failing; drift that explains none of them (a mesh sidecar running beside an ordinary bad deploy)
 * does not block a rollback.
 */
final class DriftFacts {

  private static final Map<DriftDimension, Set<SymptomKind>> IMPLICATED =
      Map.of(
          DriftDimension.MEMORY_LIMIT,
          EnumSet.of(SymptomKind.OOM_KILLED, SymptomKind.MEMORY_GROWTH, SymptomKind.CRASH_LOOP),
          DriftDimension.MEMORY_REQUEST,
          EnumSet.of(SymptomKind.OOM_KILLED, SymptomKind.MEMORY_GROWTH),
          DriftDimension.CPU_LIMIT,
          EnumSet.of(SymptomKind.SATURATION, SymptomKind.LATENCY, SymptomKind.CRASH_LOOP),
          DriftDimension.CPU_REQUEST,
          EnumSet.of(SymptomKind.SATURATION, SymptomKind.LATENCY),
          DriftDimension.IMAGE,
          EnumSet.of(
              SymptomKind.CRASH_LOOP,
              SymptomKind.IMAGE_PULL_FAILURE,
              SymptomKind.ERROR_RATE,
              SymptomKind.OOM_KILLED),
          DriftDimension.ENV,
          EnumSet.of(
              SymptomKind.CRASH_LOOP,
              SymptomKind.ERROR_RATE,
              SymptomKind.CREDENTIAL_FAILURE,
              SymptomKind.DNS_FAILURE),
          DriftDimension.INJECTED_CONTAINER,
          EnumSet.noneOf(SymptomKind.class));

  private static final Set<SymptomKind> FAILING =
      EnumSet.of(
          SymptomKind.CRASH_LOOP,
          SymptomKind.ERROR_RATE,
          SymptomKind.OOM_KILLED,
          SymptomKind.IMAGE_PULL_FAILURE);

  private DriftFacts() {}

  static void contribute(Subject subject, Map<String, Object> facts) {
    List<SymptomKind> symptoms = SymptomFacts.kinds(subject, subject.target());
    boolean triageSaysDrift = symptoms.contains(SymptomKind.TEMPLATE_DRIFT);
    List<TemplateDrift> drift =
        subject.target().isEmpty()
            ? List.of()
            : subject.signals().findings().driftOf(subject.target().get().ref());
    List<String> failing =
        drift.isEmpty() ? List.of() : failing(subject, drift, symptoms, triageSaysDrift);
    if (failing.isEmpty() && triageSaysDrift) {
      failing = List.of("TEMPLATE_DRIFT recorded by triage");
    }
    facts.put("rollback.drift", failing);
  }

  private static List<String> failing(
      Subject subject,
      List<TemplateDrift> drift,
      List<SymptomKind> symptoms,
      boolean triageSaysDrift) {
    return drift.stream()
        .filter(
            d ->
                triageSaysDrift
                    || IMPLICATED.get(d.dimension()).stream().anyMatch(symptoms::contains)
                    || injectedAndFailing(subject, d))
        .map(DriftFacts::describe)
        .distinct()
        .toList();
  }

  /**
   * An injected container is implicated when it is the one failing: its name appears in a failing
   * symptom of the target or in the evidence that symptom cites ("container istio-proxy in
   * CrashLoopBackOff"). A sidecar that runs beside a failing application container is not.
   */
  private static boolean injectedAndFailing(Subject subject, TemplateDrift d) {
    if (d.dimension() != DriftDimension.INJECTED_CONTAINER || d.container().isBlank()) {
      return false;
    }
    Pattern name =
        Pattern.compile("(?<![A-Za-z0-9-])" + Pattern.quote(d.container()) + "(?![A-Za-z0-9-])");
    return subject.signals().symptomsOf(d.workload()).stream()
        .filter(s -> FAILING.contains(s.kind()))
        .anyMatch(
            s ->
                name.matcher(s.detail()).find()
                    || s.evidence().stream()
                        .map(subject.signals()::evidence)
                        .flatMap(Optional::stream)
                        .anyMatch(e -> name.matcher(e.text()).find()));
  }

  private static String describe(TemplateDrift d) {
    return d.pod()
        + (d.container().isEmpty() ? "" : "/" + d.container())
        + " "
        + d.dimension()
        + " template '"
        + d.template()
        + "' running '"
        + d.running()
        + "'"
        + (d.changedBy().isEmpty() ? "" : " changed by " + d.changedBy());
  }
}
