package io.backstop.triage.evidence;

import static io.backstop.events.fixtures.Fixtures.minutesAgo;
import static org.assertj.core.api.Assertions.assertThat;

import io.backstop.events.id.EvidenceId;
import io.backstop.events.signal.ConfigChange;
import io.backstop.events.signal.ConfigChange.ConfigKind;
import io.backstop.events.signal.DriftDimension;
import io.backstop.events.signal.Symptom;
import io.backstop.events.signal.SymptomKind;
import io.backstop.events.signal.WorkloadRef;
import io.backstop.triage.findings.ConfigChanges;
import io.backstop.triage.findings.Drift;
import io.backstop.triage.findings.NodeFindings;
import io.backstop.triage.findings.ReplicaChanges;
import io.backstop.triage.kubernetes.PodObservation;
import io.backstop.triage.kubernetes.PodUsage;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What a workload's own symptoms mean once what surrounds it is known: positive and negative rows.
 */
class SymptomContextTest {

  static final WorkloadRef CART = WorkloadRef.deployment("shop", "cart");
  static final WorkloadRef PAYMENTS = WorkloadRef.deployment("shop", "payments");

  static Optional<EvidenceId> id(int n) {
    return Optional.of(EvidenceId.number(n));
  }

  static Cited<PodObservation> pod(String name, long startedMinutesAgo, String node, String last) {
    return Cited.of(
        new PodObservation(
            name,
            "cart",
            "Running",
            true,
            last == null ? 0 : 2,
            null,
            last,
            null,
            "img",
            "rs",
            minutesAgo(startedMinutesAgo),
            node,
            null,
            null,
            List.of()),
        id(1));
  }

  static Symptom symptom(SymptomKind kind, Instant since) {
    return new Symptom(kind, CART, since, List.of(EvidenceId.number(2)), "WRONGPASS");
  }

  static Cited<ConfigChanges.Found> secret(long changedMinutesAgo, long oldestPodMinutesAgo) {
    return Cited.of(
        new ConfigChanges.Found(
            CART,
            ConfigKind.SECRET,
            "cart-redis",
            minutesAgo(changedMinutesAgo),
            minutesAgo(oldestPodMinutesAgo),
            minutesAgo(oldestPodMinutesAgo),
            oldestPodMinutesAgo > changedMinutesAgo ? 3 : 0,
            3,
            "env REDIS_PASSWORD",
            Set.of(ConfigChange.Reference.ENV),
            "external-secrets",
            "secret/cart-redis",
            "secret cart-redis changed"),
        id(9));
  }

  static SymptomContext.Surroundings around(
      List<Cited<PodObservation>> pods,
      List<Cited<LogExcerpt>> logs,
      List<Cited<ConfigChanges.Found>> config,
      List<Cited<ReplicaChanges.Found>> replicas,
      List<Cited<Drift.Found>> drift,
      List<Cited<NodeFindings.Found>> nodes,
      List<Cited<PodUsage>> usage,
      Map<WorkloadRef, List<Symptom>> dependencies) {
    return new SymptomContext.Surroundings(
        CART, minutesAgo(25), pods, logs, usage, config, replicas, drift, nodes, dependencies, 0.9);
  }

  static List<SymptomKind> kinds(List<Symptom> symptoms) {
    return symptoms.stream().map(Symptom::kind).toList();
  }

  @ParameterizedTest(
      name =
          "secret changed {0}m ago, pods from {1}m ago, failing since {2}m ago, a new pod fails: {3} -> {4}")
  @CsvSource({
    // rotated 30m ago, pods 6 days old, failures since 25m: stale
    "30, 8640, 25, false, STALE_CREDENTIAL",
    // the failures began before the rotation: a failing credential, not a stale one
    "30, 8640, 45, false, CREDENTIAL_FAILURE",
    // the pods started after the change: they hold the new value, and it fails
    "30, 10, 8, false, CREDENTIAL_FAILURE",
    // some pods predate the change, but a pod started after it fails the same way: the new value is
    // wrong
    "30, 8640, 25, true, CREDENTIAL_FAILURE",
  })
  void aCredentialFailureIsStaleOnlyWhenThePodsHoldTheValueFromBeforeTheRotation(
      long changed, long podsFrom, long failingSince, boolean newPodFails, SymptomKind want) {
    var pods = List.of(pod("cart-old", podsFrom, "n1", null), pod("cart-new", 5, "n1", null));
    var logs =
        newPodFails
            ? List.of(Cited.of(new LogExcerpt("cart-new", "cart", false, "ERR WRONGPASS"), id(3)))
            : List.of(Cited.of(new LogExcerpt("cart-old", "cart", false, "ERR WRONGPASS"), id(3)));
    var own = List.of(symptom(SymptomKind.CREDENTIAL_FAILURE, minutesAgo(failingSince)));

    var result =
        SymptomContext.apply(
            own,
            around(
                newPodFails ? pods : List.of(pods.get(0)),
                logs,
                List.of(secret(changed, podsFrom)),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                Map.of()));

    assertThat(kinds(result)).contains(want);
    if (want == SymptomKind.STALE_CREDENTIAL) {
      assertThat(kinds(result)).doesNotContain(SymptomKind.CREDENTIAL_FAILURE);
      assertThat(result.stream().filter(s -> s.kind() == want).findFirst().orElseThrow().evidence())
          .contains(EvidenceId.number(9));
    }
  }

  @ParameterizedTest(name = "node pressure {0}, pod at {1} of its limit -> {2}")
  @CsvSource({
    "true, 0.40, NODE_MEMORY_PRESSURE",
    "true, 0.97, OOM_KILLED",
    "false, 0.40, OOM_KILLED",
  })
  void anOomKillOnAStarvedNodeBelowTheContainersOwnLimitIsTheNodes(
      boolean pressure, double share, SymptomKind want) {
    var node =
        Cited.of(
            new NodeFindings.Found(
                "worker-2",
                pressure ? List.of("MemoryPressure") : List.of(),
                8L << 30,
                6L << 30,
                7L << 30,
                3,
                Map.of(CART, 2),
                false,
                List.of(),
                "node worker-2"),
            id(7));
    long limit = 512L << 20;
    var usage =
        List.of(Cited.of(new PodUsage("cart-a", 0.1, (long) (limit * share), 1.0, limit), id(5)));

    var result =
        SymptomContext.apply(
            List.of(symptom(SymptomKind.OOM_KILLED, minutesAgo(10))),
            around(
                List.of(pod("cart-a", 60, "worker-2", "OOMKilled")),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of(node),
                usage,
                Map.of()));

    assertThat(kinds(result)).contains(want);
    assertThat(kinds(result).contains(SymptomKind.OOM_KILLED))
        .isEqualTo(want == SymptomKind.OOM_KILLED);
  }

  @ParameterizedTest(name = "{0} -> {1}, by Backstop {2}, failing since {3}m: {4}")
  @CsvSource({
    "3, 0, false, -1, true",
    "3, 1, false, 3, true",
    "3, 1, false, 20, false",
    "3, 0, true, -1, false",
    "2, 4, false, -1, false",
  })
  void aReplicaChangeNotMadeByBackstopThatTheAnomalyFollowedIsNamed(
      int from, int to, boolean byBackstop, long failingSince, boolean named) {
    var change =
        Cited.of(
            new ReplicaChanges.Found(
                CART, from, to, minutesAgo(5), "kubectl (scale)", byBackstop, ""),
            id(4));
    List<Symptom> own =
        failingSince < 0
            ? List.of()
            : List.of(symptom(SymptomKind.ERROR_RATE, minutesAgo(failingSince)));
    var s =
        new SymptomContext.Surroundings(
            CART,
            null,
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            List.of(change),
            List.of(),
            List.of(),
            Map.of(),
            0.9);

    assertThat(kinds(SymptomContext.apply(own, s)).contains(SymptomKind.SCALED_EXTERNALLY))
        .isEqualTo(named);
  }

  @ParameterizedTest(name = "{0} drift with {1} -> drift named {2}")
  @CsvSource({
    "MEMORY_LIMIT, OOM_KILLED, , true",
    "MEMORY_LIMIT, ERROR_RATE, , false",
    "INJECTED_CONTAINER, CRASH_LOOP, istio-proxy, true",
    "INJECTED_CONTAINER, CRASH_LOOP, , false",
    "IMAGE, CRASH_LOOP, , true",
    "CPU_LIMIT, CRASH_LOOP, , false",
  })
  void driftIsNamedOnlyWhenItIsWhereThePodsFail(
      DriftDimension dimension, SymptomKind failing, String failingContainer, boolean named) {
    var drift =
        Cited.of(
            new Drift.Found(
                CART,
                "cart-a",
                dimension == DriftDimension.INJECTED_CONTAINER ? "istio-proxy" : "cart",
                dimension,
                "512Mi",
                "128Mi",
                "Kyverno mutating policy",
                3,
                ""),
            id(6));
    var p =
        new PodObservation(
            "cart-a",
            "cart",
            "Running",
            false,
            3,
            null,
            null,
            null,
            "img",
            "rs",
            minutesAgo(10),
            "n1",
            null,
            null,
            failingContainer == null ? List.of() : List.of(failingContainer));

    var result =
        SymptomContext.apply(
            List.of(symptom(failing, minutesAgo(9))),
            around(
                List.of(Cited.of(p, id(1))),
                List.of(),
                List.of(),
                List.of(),
                List.of(drift),
                List.of(),
                List.of(),
                Map.of()));

    assertThat(kinds(result).contains(SymptomKind.TEMPLATE_DRIFT)).isEqualTo(named);
  }

  @ParameterizedTest(name = "victim errors since {0}m, dependency {1} since {2}m -> {3}")
  @CsvSource({
    "10, CRASH_LOOP, 12, true",
    "10, ERROR_RATE, 10, true",
    "30, CRASH_LOOP, 12, false",
    "10, MEMORY_GROWTH, 12, false",
  })
  void errorsThatFollowADependencysFailureAreADependencyFailure(
      long victimSince, SymptomKind dependency, long dependencySince, boolean named) {
    var own =
        List.of(new Symptom(SymptomKind.ERROR_RATE, CART, minutesAgo(victimSince), List.of(), ""));
    var dep =
        Map.of(
            PAYMENTS,
            List.of(
                new Symptom(
                    dependency,
                    PAYMENTS,
                    minutesAgo(dependencySince),
                    List.of(EvidenceId.number(8)),
                    "")));

    var result =
        SymptomContext.apply(
            own,
            around(
                List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), dep));

    assertThat(kinds(result).contains(SymptomKind.DEPENDENCY_FAILURE)).isEqualTo(named);
  }

  @Test
  void aConfigMapChangedAfterThePodsStartedIsNamedWhenTheyFailAfterIt() {
    var change =
        Cited.of(
            new ConfigChanges.Found(
                CART,
                ConfigKind.CONFIG_MAP,
                "cart-config",
                minutesAgo(20),
                minutesAgo(600),
                minutesAgo(600),
                3,
                3,
                "envFrom",
                Set.of(ConfigChange.Reference.ENV_FROM),
                "kubectl-edit",
                "configmap/cart-config",
                ""),
            id(9));

    var failing =
        SymptomContext.apply(
            List.of(symptom(SymptomKind.ERROR_RATE, minutesAgo(18))),
            around(
                List.of(),
                List.of(),
                List.of(change),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                Map.of()));
    var quiet =
        SymptomContext.apply(
            List.of(),
            around(
                List.of(),
                List.of(),
                List.of(change),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                Map.of()));
    var before =
        SymptomContext.apply(
            List.of(symptom(SymptomKind.ERROR_RATE, minutesAgo(40))),
            around(
                List.of(),
                List.of(),
                List.of(change),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                Map.of()));

    assertThat(kinds(failing)).contains(SymptomKind.CONFIG_CHANGED);
    assertThat(kinds(quiet)).doesNotContain(SymptomKind.CONFIG_CHANGED);
    assertThat(kinds(before)).doesNotContain(SymptomKind.CONFIG_CHANGED);
  }
}
