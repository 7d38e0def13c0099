package io.backstop.triage.evidence;

import static io.backstop.events.fixtures.Fixtures.minutesAgo;
import static org.assertj.core.api.Assertions.assertThat;

import io.backstop.events.AlertReceived;
import io.backstop.events.EventHeader;
import io.backstop.events.SignalsGathered;
import io.backstop.events.Stage;
import io.backstop.events.alert.AlertSeverity;
import io.backstop.events.alert.AlertStatus;
import io.backstop.events.codec.EventCodec;
import io.backstop.events.diagnosis.ActionType;
import io.backstop.events.fixtures.Fixtures;
import io.backstop.events.id.IncidentId;
import io.backstop.events.signal.ConfigChange;
import io.backstop.events.signal.DriftDimension;
import io.backstop.events.signal.Evidence;
import io.backstop.events.signal.EvidenceKind;
import io.backstop.events.signal.RelatedWorkload;
import io.backstop.events.signal.Relation;
import io.backstop.events.signal.Revision;
import io.backstop.events.signal.RevisionHealth;
import io.backstop.events.signal.ShaOrigin;
import io.backstop.events.signal.SymptomKind;
import io.backstop.events.signal.WorkloadRef;
import io.backstop.triage.kubernetes.Apps;
import io.backstop.triage.kubernetes.Apps.State;
import io.backstop.triage.kubernetes.InMemoryCluster;
import io.backstop.triage.metrics.PrometheusSettings;
import io.backstop.triage.metrics.Sample;
import io.backstop.triage.metrics.Series;
import io.backstop.triage.metrics.StubPrometheus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Triage sees the cause, not only the alerted workload: whole gatherings over in-memory clusters
 * shaped like the incidents of issue 18 (victim and cause, node pressure, a rotated Secret, an
 * operator's scale to zero, a mutating webhook, a release train, a config-only revision).
 */
class BeyondTheAlertTest {

  static final String SHA_A = "1a2b3c4d5e6f708192a3b4c5d6e7f80912a3b4c5";
  static final String SHA_B = "9c41d0e5b7a3f2e1d0c9b8a7f6e5d4c3b2a19081";
  static final String SHA_C = "7f3e2d1c0b9a887766554433221100ffeeddccbb";

  final InMemoryCluster cluster = new InMemoryCluster();
  final Apps apps = new Apps(cluster, "shop");

  static AlertReceived alertOn(String deployment) {
    return EventCodec.seal(
        new AlertReceived(
            EventHeader.first(
                IncidentId.of("inc-shop-" + deployment),
                "am|" + deployment,
                Stage.INTAKE,
                Fixtures.NOW),
            "alertmanager",
            "fp-" + deployment,
            "{}",
            "HighErrorRatio",
            AlertSeverity.CRITICAL,
            AlertStatus.FIRING,
            Map.of("alertname", "HighErrorRatio", "namespace", "shop", "deployment", deployment),
            Map.of(),
            minutesAgo(5),
            null,
            null,
            0));
  }

  SignalsGathered gather(String deployment, PrometheusSettings prometheus) {
    return Gatherings.from(cluster).prometheus(prometheus).gather(alertOn(deployment));
  }

  SignalsGathered gather(String deployment) {
    return gather(deployment, PrometheusSettings.unconfigured());
  }

  static Optional<RelatedWorkload> related(SignalsGathered s, String name) {
    return s.findings().related().stream()
        .filter(r -> r.workload().name().equals(name))
        .findFirst();
  }

  static List<SymptomKind> symptoms(SignalsGathered s, String name) {
    return s.symptomsOf(WorkloadRef.deployment("shop", name)).stream().map(x -> x.kind()).toList();
  }

  static void everyItemNamesItsWorkloadOrNode(SignalsGathered s) {
    for (Evidence e : s.evidence()) {
      assertThat(e.workload() != null || e.node() != null).as(e.id() + " " + e.text()).isTrue();
    }
  }

  /** Requests per second by code: before (first 20 samples) and after (last 20). */
  static List<Series> byCode(String deployment, String... codeBeforeAfter) {
    List<Series> out = new ArrayList<>();
    for (String c : codeBeforeAfter) {
      String[] p = c.split(":|>");
      List<Sample> samples = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        samples.add(
            new Sample(
                Fixtures.NOW.minusSeconds(30L * (39 - i)),
                Double.parseDouble(i < 20 ? p[1] : p[2])));
      }
      out.add(
          new Series(
              deployment == null
                  ? Map.of("code", p[0])
                  : Map.of("deployment", deployment, "code", p[0]),
              samples));
    }
    return out;
  }

  void victimAndCause() {
    apps.app("frontend")
        .replicas(3)
        .env("CHECKOUT_URL", "http://checkout:8080/api")
        .revision(
            7,
            "6c5b4a392",
            "registry.local/shop/frontend:" + SHA_C.substring(0, 12),
            SHA_C,
            60 * 24 * 4)
        .add()
        .pods(State.READY, "worker-1", 600, 3);
    apps.app("checkout")
        .replicas(3)
        .revision(
            1,
            "5b8c7d6a4",
            "registry.local/shop/checkout:" + SHA_A.substring(0, 12),
            SHA_A,
            60 * 24 * 3)
        .revision(
            2, "7d9f8c6b5", "registry.local/shop/checkout:" + SHA_B.substring(0, 12), SHA_B, 15)
        .add()
        .pods(State.CRASH_LOOP, "worker-1", 14, 3);
    apps.app("search")
        .revision(3, "8a7b6c5d4", "registry.local/shop/search:v1.2.0", null, 60 * 24 * 9)
        .add()
        .pods(State.READY, "worker-2", 600, 2);
    apps.service("checkout", "checkout");
    apps.service("search", "search");
  }

  @Test
  void anAlertOnTheVictimBringsTheFailingDependencyWithItsJudgedHistory() throws Exception {
    victimAndCause();
    try (StubPrometheus prometheus = new StubPrometheus()) {
      prometheus.series("sum by (code)", byCode(null, "200:50>20", "502:0>30"));
      prometheus.series("sum by (deployment, code)", byCode("frontend", "200:50>20", "502:0>30"));

      SignalsGathered s = gather("frontend", PrometheusSettings.at(prometheus.url()));

      RelatedWorkload checkout = related(s, "checkout").orElseThrow();
      assertThat(checkout.relation()).isEqualTo(Relation.DEPENDENCY);
      assertThat(checkout.via()).contains("env CHECKOUT_URL names service checkout");
      assertThat(checkout.evidence()).isNotEmpty();
      assertThat(related(s, "search")).isEmpty();
      assertThat(symptoms(s, "checkout")).contains(SymptomKind.CRASH_LOOP);
      assertThat(symptoms(s, "frontend"))
          .contains(SymptomKind.ERROR_RATE, SymptomKind.DEPENDENCY_FAILURE);
      var history = s.rollout(WorkloadRef.deployment("shop", "checkout")).orElseThrow();
      assertThat(history.revisions())
          .extracting(Revision::health)
          .containsExactly(RevisionHealth.HEALTHY, RevisionHealth.UNHEALTHY);
      assertThat(history.revision(2).orElseThrow().healthReason()).contains("crash-loop");
      assertThat(s.rollout(WorkloadRef.deployment("shop", "search"))).isEmpty();
      everyItemNamesItsWorkloadOrNode(s);
      assertThat(s.evidence())
          .filteredOn(e -> e.workload() != null && e.workload().name().equals("checkout"))
          .isNotEmpty();
      assertThat(s.gathering().apiCalls()).isGreaterThan(5);
      assertThat(s.gathering().metricQueries()).isGreaterThan(3);
      assertThat(EventCodec.intact(s)).isTrue();
    }
  }

  @Test
  void recordsTheErrorSignalItJudgedBySoTheExecutorVerifiesAgainstTheSameCodesAndBaseline()
      throws Exception {
    victimAndCause();
    try (StubPrometheus prometheus = new StubPrometheus()) {
      // frontend runs at 6% 5xx on a normal day; after the deploy 409s jump from nothing to 30%
      prometheus.series("sum by (code)", byCode(null, "200:94>64", "500:6>6", "409:0>30"));
      prometheus.series(
          "sum by (deployment, code)", byCode("frontend", "200:94>64", "500:6>6", "409:0>30"));

      SignalsGathered s = gather("frontend", PrometheusSettings.at(prometheus.url()));

      var basis = s.gathering().errors();
      assertThat(basis).isNotNull();
      assertThat(basis.codes()).containsExactlyInAnyOrder("409", "500");
      assertThat(basis.baseline()).isGreaterThan(0.04).isLessThanOrEqualTo(0.06);
      assertThat(basis.threshold()).isEqualTo(0.05);
      assertThat(basis.query())
          .contains("by (code)")
          .contains("namespace=\"shop\"")
          .contains("deployment=\"frontend\"");
      assertThat(basis.recovered(0.06)).isTrue();
      assertThat(basis.recovered(0.36)).isFalse();
      assertThat(EventCodec.intact(s)).isTrue();
    }
  }

  @Test
  void recordsNoErrorSignalWithoutRequestMetrics() {
    victimAndCause();

    assertThat(gather("frontend").gathering().errors()).isNull();
  }

  @Test
  void anAlertOnTheCauseDoesNotBlameItsHealthyDependency() {
    victimAndCause();

    SignalsGathered s = gather("checkout");

    assertThat(symptoms(s, "checkout"))
        .contains(SymptomKind.CRASH_LOOP)
        .doesNotContain(SymptomKind.DEPENDENCY_FAILURE);
  }

  @Test
  void aVictimOfNodeMemoryPressureIsNamedWithTheNodeAndTheNeighbourThatStarvesIt() {
    apps.node("worker-2", "8Gi", true);
    apps.app("checkout")
        .replicas(3)
        .memory("256Mi", "512Mi")
        .revision(
            5,
            "5b8c7d6a4",
            "registry.local/shop/checkout:" + SHA_A.substring(0, 12),
            SHA_A,
            60 * 24 * 5)
        .add()
        .pods(State.OOM_KILLED, "worker-2", 30, 2)
        .pods(State.EVICTED_MEMORY, "worker-2", 8, 2)
        .usage("150Mi");
    apps.app("report-builder")
        .replicas(1)
        .memory("1Gi", "16Gi")
        .revision(2, "4f3e2d1c0", "registry.local/shop/report-builder:v3.1.0", null, 60 * 24 * 6)
        .add()
        .pods(State.READY, "worker-2", 180, 1)
        .usage("6Gi");

    SignalsGathered s = gather("checkout");

    var node =
        s.findings().nodes().stream()
            .filter(n -> n.name().equals("worker-2"))
            .findFirst()
            .orElseThrow();
    assertThat(node.underMemoryPressure()).isTrue();
    assertThat(node.workloads())
        .contains(
            WorkloadRef.deployment("shop", "checkout"),
            WorkloadRef.deployment("shop", "report-builder"));
    assertThat(node.evidence())
        .singleElement()
        .satisfies(id -> assertThat(s.evidence(id).orElseThrow().node()).isEqualTo("worker-2"));
    assertThat(s.evidence(node.evidence().get(0)).orElseThrow().kind())
        .isEqualTo(EvidenceKind.NODE);
    assertThat(related(s, "report-builder").orElseThrow().relation()).isEqualTo(Relation.SAME_NODE);
    assertThat(symptoms(s, "checkout"))
        .contains(SymptomKind.NODE_MEMORY_PRESSURE)
        .doesNotContain(SymptomKind.OOM_KILLED);
    everyItemNamesItsWorkloadOrNode(s);
  }

  @Test
  void aNodeProblemConditionIsRecordedOnTheNodeReportAndInItsEvidence() {
    apps.nodeWithProblems("worker-1", "16Gi", "KernelDeadlock", "not a condition type!");
    apps.app("catalog")
        .replicas(2)
        .revision(
            3,
            "5b8f7d6c4",
            "registry.local/shop/catalog:" + SHA_A.substring(0, 12),
            SHA_A,
            60 * 24 * 15)
        .add()
        .pods(State.NOT_READY, "worker-1", 60 * 24 * 15, 2);

    SignalsGathered s = gather("catalog");

    var node =
        s.findings().nodes().stream()
            .filter(n -> n.name().equals("worker-1"))
            .findFirst()
            .orElseThrow();
    assertThat(node.problems()).containsExactly("KernelDeadlock");
    assertThat(node.faulty()).isTrue();
    assertThat(node.pressure()).isEmpty();
    assertThat(node.workloads()).contains(WorkloadRef.deployment("shop", "catalog"));
    assertThat(s.evidence(node.evidence().get(0)).orElseThrow().text())
        .contains("KernelDeadlock=True")
        .contains("task blocked for more than 120 seconds")
        .doesNotContain("not a condition type");
    everyItemNamesItsWorkloadOrNode(s);
  }

  @Test
  void authFailuresAfterTheReferencedSecretRotatedAreAStaleCredential() {
    apps.app("cart")
        .replicas(2)
        .secretEnv("REDIS_PASSWORD", "cart-redis")
        .revision(
            4,
            "5b8c7d6a4",
            "registry.local/shop/cart:" + SHA_A.substring(0, 12),
            SHA_A,
            60 * 24 * 6)
        .add()
        .pods(State.READY, "worker-1", 60 * 24 * 6, 2);
    apps.secret("cart-redis", 30, 60 * 24 * 90);
    cluster.pods.forEach(
        p ->
            cluster.logs.put(
                p.getMetadata().getName(),
                "ERROR redis: WRONGPASS invalid username-password pair or user is disabled.\n"));

    SignalsGathered s = gather("cart");

    assertThat(symptoms(s, "cart"))
        .contains(SymptomKind.STALE_CREDENTIAL)
        .doesNotContain(SymptomKind.CREDENTIAL_FAILURE);
    var change = s.findings().configChanges().get(0);
    assertThat(change.name()).isEqualTo("cart-redis");
    assertThat(change.podsPredateChange()).isTrue();
    assertThat(change.referencedAs()).containsExactly(ConfigChange.Reference.ENV);
    assertThat(change.changedBy()).isEqualTo("external-secrets");
    assertThat(s.evidence(change.evidence()).orElseThrow().text())
        .contains("env REDIS_PASSWORD")
        .contains("2 of 2 running pods started before it");
  }

  @Test
  void aConfigMapMountedWholeIsRecordedAsSeenLiveWithWhoChangedIt() {
    apps.app("api")
        .configMapVolume("api-flags", "/etc/flags", null)
        .revision(
            41,
            "8f6f1886a",
            "registry.local/shop/api:" + SHA_A.substring(0, 12),
            SHA_A,
            60 * 24 * 2)
        .add()
        .pods(State.READY, "worker-1", 60 * 24 * 2, 2);
    apps.configMap("api-flags", 19, 60 * 24 * 30, "kubectl-edit");

    SignalsGathered s = gather("api");

    var change = s.findings().configChanges().get(0);
    assertThat(change.name()).isEqualTo("api-flags");
    assertThat(change.referencedAs()).containsExactly(ConfigChange.Reference.VOLUME);
    assertThat(change.seenLive()).isTrue();
    assertThat(change.heldUntilRestart()).isFalse();
    assertThat(change.changedBy()).isEqualTo("kubectl-edit");
    assertThat(s.evidence(change.evidence()).orElseThrow().text())
        .contains("volume cm-api-flags")
        .contains("by kubectl-edit");
  }

  @Test
  void aConfigMapMountedBySubPathIsRecordedAsHeldUntilRestart() {
    apps.app("api")
        .configMapVolume("api-flags", "/etc/flags/flags.yaml", "flags.yaml")
        .revision(
            41,
            "8f6f1886a",
            "registry.local/shop/api:" + SHA_A.substring(0, 12),
            SHA_A,
            60 * 24 * 2)
        .add()
        .pods(State.READY, "worker-1", 60 * 24 * 2, 2);
    apps.configMap("api-flags", 19, 60 * 24 * 30, "kubectl-edit");

    SignalsGathered s = gather("api");

    var change = s.findings().configChanges().get(0);
    assertThat(change.referencedAs()).containsExactly(ConfigChange.Reference.SUB_PATH);
    assertThat(change.heldUntilRestart()).isTrue();
    assertThat(s.evidence(change.evidence()).orElseThrow().text()).contains("(subPath)");
  }

  @Test
  void authFailuresWithNoSecretChangeStayACredentialFailure() {
    apps.app("cart")
        .secretEnv("REDIS_PASSWORD", "cart-redis")
        .revision(
            4,
            "5b8c7d6a4",
            "registry.local/shop/cart:" + SHA_A.substring(0, 12),
            SHA_A,
            60 * 24 * 6)
        .add()
        .pods(State.READY, "worker-1", 600, 2);
    apps.secret("cart-redis", 60 * 24 * 90, 60 * 24 * 90);
    cluster.pods.forEach(p -> cluster.logs.put(p.getMetadata().getName(), "ERROR WRONGPASS\n"));

    SignalsGathered s = gather("cart");

    assertThat(symptoms(s, "cart"))
        .contains(SymptomKind.CREDENTIAL_FAILURE)
        .doesNotContain(SymptomKind.STALE_CREDENTIAL);
    assertThat(s.findings().configChanges()).isEmpty();
  }

  @Test
  void aScaleToZeroByAnOperatorIsNamedWithWhoWhenAndFromWhat() {
    apps.app("checkout")
        .replicas(3)
        .revision(
            2,
            "5b8c7d6a4",
            "registry.local/shop/checkout:" + SHA_A.substring(0, 12),
            SHA_A,
            60 * 24 * 3)
        .add()
        .scaledBy("kubectl", 3, 0, 4);

    SignalsGathered s = gather("checkout");

    var change = s.findings().replicaChangesOf(WorkloadRef.deployment("shop", "checkout")).get(0);
    assertThat(change.from()).isEqualTo(3);
    assertThat(change.to()).isZero();
    assertThat(change.by()).isEqualTo("kubectl (scale)");
    assertThat(change.byBackstop()).isFalse();
    assertThat(change.at()).isEqualTo(minutesAgo(4));
    assertThat(symptoms(s, "checkout")).contains(SymptomKind.SCALED_EXTERNALLY);
  }

  @Test
  void aScaleByBackstopsOwnFieldManagerIsNotAnExternalChange() {
    apps.app("checkout")
        .revision(
            2,
            "5b8c7d6a4",
            "registry.local/shop/checkout:" + SHA_A.substring(0, 12),
            SHA_A,
            60 * 24 * 3)
        .add()
        .scaledBy("backstop-executor", 3, 0, 4);

    SignalsGathered s = gather("checkout");

    assertThat(s.findings().replicaChanges().get(0).byBackstop()).isTrue();
    assertThat(symptoms(s, "checkout")).doesNotContain(SymptomKind.SCALED_EXTERNALLY);
  }

  @Test
  void podsWhoseMemoryLimitAWebhookRewroteShowDriftNamingWhoChangedIt() {
    apps.app("checkout")
        .replicas(2)
        .memory("256Mi", "512Mi")
        .revision(
            6, "5b8c7d6a4", "registry.local/shop/checkout:" + SHA_A.substring(0, 12), SHA_A, 30)
        .add()
        .mutatedPods("128Mi", "limit-memory", "worker-1", 2);

    SignalsGathered s = gather("checkout");

    var drift = s.findings().driftOf(WorkloadRef.deployment("shop", "checkout"));
    assertThat(drift).extracting(d -> d.dimension()).contains(DriftDimension.MEMORY_LIMIT);
    var memory =
        drift.stream()
            .filter(d -> d.dimension() == DriftDimension.MEMORY_LIMIT)
            .findFirst()
            .orElseThrow();
    assertThat(memory.template()).isEqualTo("512Mi");
    assertThat(memory.running()).isEqualTo("128Mi");
    assertThat(memory.changedBy()).contains("Kyverno").contains("limit-memory");
    assertThat(symptoms(s, "checkout")).contains(SymptomKind.TEMPLATE_DRIFT);
  }

  @Test
  void theSuspectBuildRunningAsTheCurrentRevisionOfSeveralDeploymentsIsATrain() {
    for (String name : List.of("checkout", "cart", "payments")) {
      apps.app(name)
          .revision(
              3,
              name.hashCode() % 2 == 0 ? "5b8c7d6a4" : "6c8d7e6a5",
              "registry.local/shop/" + name + ":" + SHA_C.substring(0, 12),
              SHA_C,
              60 * 24 * 2)
          .revision(
              4,
              "7d9f8c6b" + name.length(),
              "registry.local/shop/" + name + ":" + SHA_B.substring(0, 12),
              SHA_B,
              20)
          .add()
          .pods(name.equals("checkout") ? State.CRASH_LOOP : State.READY, "worker-1", 19, 2);
    }
    apps.app("search")
        .revision(
            1, "9a8b7c6d5", "registry.local/shop/search:" + SHA_A.substring(0, 12), SHA_A, 60 * 24)
        .add();

    SignalsGathered s = gather("checkout");

    var train = s.findings().trainsOf(WorkloadRef.deployment("shop", "checkout")).get(0);
    assertThat(train.build()).isEqualTo(SHA_B.substring(0, 12));
    assertThat(train.deployments())
        .extracting(WorkloadRef::name)
        .containsExactly("cart", "checkout", "payments");
    assertThat(train.since()).isEqualTo(minutesAgo(20));
    assertThat(related(s, "cart").orElseThrow().relation()).isEqualTo(Relation.SAME_RELEASE);
    for (String leg : List.of("cart", "checkout", "payments")) {
      assertThat(s.rollout(WorkloadRef.deployment("shop", leg))).as(leg).isPresent();
    }
  }

  @Test
  void aHealthyLegsEarlierRevisionReplacedBeforeTheOnsetRanHealthyByItsRolloutRecord() {
    apps.app("checkout")
        .replicas(2)
        .env("PAYMENTS_URL", "http://payments:8080")
        .revision(
            2,
            "5b8c7d6a4",
            "registry.local/shop/checkout:" + SHA_A.substring(0, 12),
            SHA_A,
            60 * 24 * 3)
        .revision(
            3, "7d9f8c6b5", "registry.local/shop/checkout:" + SHA_B.substring(0, 12), SHA_B, 11)
        .add()
        .pods(State.CRASH_LOOP, "worker-1", 10, 2);
    apps.app("payments")
        .replicas(2)
        .revision(
            4,
            "6c8d7e6a5",
            "registry.local/shop/payments:" + SHA_C.substring(0, 12),
            SHA_C,
            60 * 24 * 4)
        .revision(
            5, "8e9f0a1b2", "registry.local/shop/payments:" + SHA_B.substring(0, 12), SHA_B, 11)
        .add()
        .pods(State.READY, "worker-1", 10, 2);

    SignalsGathered s = gather("checkout");

    var payments = s.rollout(WorkloadRef.deployment("shop", "payments")).orElseThrow();
    Revision four = payments.revision(4).orElseThrow();
    assertThat(four.health()).as(four.healthReason()).isEqualTo(RevisionHealth.HEALTHY);
    assertThat(four.healthReason())
        .contains("by the rollout record")
        .contains("before the anomaly");
    assertThat(payments.revision(5).orElseThrow().health()).isEqualTo(RevisionHealth.UNKNOWN);
    var checkout = s.rollout(WorkloadRef.deployment("shop", "checkout")).orElseThrow();
    assertThat(checkout.revision(2).orElseThrow().health()).isEqualTo(RevisionHealth.HEALTHY);
    assertThat(checkout.revision(3).orElseThrow().health()).isEqualTo(RevisionHealth.UNHEALTHY);
  }

  @Test
  void aLegsRevisionReplacedAfterTheIncidentBeganIsNotHealthyByItsRolloutRecord() {
    apps.app("checkout")
        .replicas(2)
        .env("PAYMENTS_URL", "http://payments:8080")
        .revision(
            3, "7d9f8c6b5", "registry.local/shop/checkout:" + SHA_B.substring(0, 12), SHA_B, 60)
        .add()
        .pods(State.CRASH_LOOP, "worker-1", 20, 2);
    apps.app("payments")
        .replicas(2)
        .revision(
            4,
            "6c8d7e6a5",
            "registry.local/shop/payments:" + SHA_C.substring(0, 12),
            SHA_C,
            60 * 24 * 4)
        .revision(
            5, "8e9f0a1b2", "registry.local/shop/payments:" + SHA_A.substring(0, 12), SHA_A, 2)
        .add()
        .pods(State.READY, "worker-1", 2, 2);
    apps.service("payments", "payments");

    SignalsGathered s = gather("checkout");

    Revision four =
        s.rollout(WorkloadRef.deployment("shop", "payments"))
            .orElseThrow()
            .revision(4)
            .orElseThrow();
    assertThat(four.health()).isEqualTo(RevisionHealth.UNKNOWN);
    assertThat(four.healthReason()).contains("replaced after the anomaly began");
  }

  @Test
  void pendingPodsNoNodeFitsAreReplicasBlockedFromTheirStatusEvenWithoutEvents() {
    apps.app("search")
        .replicas(5)
        .revision(
            2, "5b8c7d6a4", "registry.local/shop/search:" + SHA_A.substring(0, 12), SHA_A, 600)
        .add()
        .pods(State.READY, "worker-1", 500, 3)
        .pods(State.UNSCHEDULABLE, null, 20, 2);

    SignalsGathered s = gather("search");

    var blocked =
        s.symptomsOf(WorkloadRef.deployment("shop", "search")).stream()
            .filter(x -> x.kind() == SymptomKind.REPLICAS_BLOCKED)
            .findFirst()
            .orElseThrow();
    assertThat(blocked.evidence()).hasSize(2);
    assertThat(s.evidence())
        .filteredOn(e -> blocked.evidence().contains(e.id()))
        .allSatisfy(
            e ->
                assertThat(e.text())
                    .contains("phase=Pending")
                    .contains("reason=Unschedulable")
                    .contains("Insufficient cpu"));
    assertThat(SymptomKind.REPLICAS_BLOCKED.admits()).containsExactly(ActionType.ROLLBACK);
  }

  @Test
  void podsMerelyPendingOnTheirWayToANodeAreNotBlocked() {
    apps.app("search")
        .replicas(3)
        .revision(
            2, "5b8c7d6a4", "registry.local/shop/search:" + SHA_A.substring(0, 12), SHA_A, 600)
        .add()
        .pods(State.READY, "worker-1", 500, 3)
        .pods(State.UNSCHEDULABLE, null, 1, 1);
    var pending = apps.cluster().pods.get(apps.cluster().pods.size() - 1);
    pending.getStatus().setConditions(List.of());

    assertThat(symptoms(gather("search"), "search")).doesNotContain(SymptomKind.REPLICAS_BLOCKED);
  }

  @Test
  void anHpaPinnedAtItsMaximumIsAFindingAndASymptomCitingIt() {
    apps.app("checkout")
        .replicas(4)
        .revision(
            2, "5b8c7d6a4", "registry.local/shop/checkout:" + SHA_A.substring(0, 12), SHA_A, 600)
        .add()
        .pods(State.READY, "worker-1", 500, 4);
    apps.app("search")
        .replicas(2)
        .revision(
            1, "9a8b7c6d5", "registry.local/shop/search:" + SHA_C.substring(0, 12), SHA_C, 900)
        .add()
        .pods(State.READY, "worker-1", 800, 2);
    var pinned =
        Apps.hpa("shop", "checkout", "Deployment", "checkout", 2, 4, 4, 4, 97, "TooManyReplicas");
    var unrelated = Apps.hpa("shop", "search", "Deployment", "search", 1, 3, 2, 2, 40, null);
    cluster.autoscalers.add(pinned);
    cluster.autoscalers.add(unrelated);

    SignalsGathered s = gather("checkout");

    WorkloadRef checkout = WorkloadRef.deployment("shop", "checkout");
    var hpa = s.findings().autoscalersOf(checkout).get(0);
    assertThat(hpa.atMax()).isTrue();
    assertThat(hpa.maxReplicas()).isEqualTo(4);
    assertThat(s.findings().autoscalers()).extracting(a -> a.name()).containsExactly("checkout");
    Evidence item =
        s.evidence().stream().filter(e -> e.id().equals(hpa.evidence())).findFirst().orElseThrow();
    assertThat(item.kind()).isEqualTo(EvidenceKind.CONFIG);
    assertThat(item.workload()).isEqualTo(checkout);
    assertThat(item.subject()).isEqualTo("horizontalpodautoscaler/checkout");
    assertThat(item.text()).contains("max 4").contains("AT ITS MAXIMUM");
    var symptom =
        s.symptomsOf(checkout).stream()
            .filter(x -> x.kind() == SymptomKind.AUTOSCALER_AT_MAX)
            .findFirst()
            .orElseThrow();
    assertThat(symptom.evidence()).containsExactly(hpa.evidence());
    assertThat(symptom.detail()).contains("HPA checkout").contains("maximum of 4");
    assertThat(SymptomKind.AUTOSCALER_AT_MAX.admits()).isEmpty();
    assertThat(s.anomalyOnset()).as("a state, not the onset").isEqualTo(minutesAgo(5));
  }

  @Test
  void anHpaWithHeadroomIsAFindingButNoSymptom() {
    apps.app("checkout")
        .replicas(3)
        .revision(
            2, "5b8c7d6a4", "registry.local/shop/checkout:" + SHA_A.substring(0, 12), SHA_A, 600)
        .add()
        .pods(State.READY, "worker-1", 500, 3);
    var room = Apps.hpa("shop", "checkout", "Deployment", "checkout", 2, 10, 3, 3, 55, null);
    cluster.autoscalers.add(room);

    SignalsGathered s = gather("checkout");

    assertThat(s.findings().autoscalersOf(WorkloadRef.deployment("shop", "checkout")))
        .singleElement()
        .satisfies(a -> assertThat(a.atMax()).isFalse());
    assertThat(symptoms(s, "checkout")).doesNotContain(SymptomKind.AUTOSCALER_AT_MAX);
  }

  @Test
  void aConfigOnlyRevisionIsNamedByItsTemplateHashAndItsShaIsInherited() {
    apps.app("checkout")
        .replicas(2)
        .revision(
            3,
            "5b8c7d6a4",
            "registry.local/shop/checkout:" + SHA_A.substring(0, 12),
            SHA_A,
            60 * 24)
        .envRevision(
            4,
            "7d9f8c6b5",
            "registry.local/shop/checkout:" + SHA_A.substring(0, 12),
            SHA_A,
            12,
            "FEATURE_X=on")
        .add()
        .pods(State.CRASH_LOOP, "worker-1", 11, 2);

    SignalsGathered s = gather("checkout");

    var history = s.rollout(WorkloadRef.deployment("shop", "checkout")).orElseThrow();
    Revision four = history.revision(4).orElseThrow();
    assertThat(four.shaOrigin()).isEqualTo(ShaOrigin.INHERITED);
    assertThat(four.podTemplateHash()).isEqualTo("7d9f8c6b5");
    assertThat(four.health()).isEqualTo(RevisionHealth.UNHEALTHY);
    assertThat(history.revision(3).orElseThrow().shaOrigin()).isEqualTo(ShaOrigin.OWN);
    assertThat(history.revision(3).orElseThrow().health()).isEqualTo(RevisionHealth.HEALTHY);
    assertThat(s.evidence())
        .filteredOn(e -> e.kind() == EvidenceKind.ROLLOUT && e.text().startsWith("revision 4"))
        .singleElement()
        .satisfies(
            e ->
                assertThat(e.text())
                    .contains("pod-template-hash 7d9f8c6b5")
                    .contains("inherited from revision 3")
                    .contains("env FEATURE_X added"));
  }
}
