package io.backstop.diagnosis.analyzer;

import static org.assertj.core.api.Assertions.assertThat;

import io.backstop.diagnosis.Diagnosis;
import io.backstop.diagnosis.scenarios.ScenarioSignals;
import io.backstop.events.SignalsGathered;
import io.backstop.events.fixtures.Signals;
import io.backstop.events.id.EvidenceId;
import io.backstop.events.signal.Autoscaler;
import io.backstop.events.signal.ConfigRef;
import io.backstop.events.signal.Evidence;
import io.backstop.events.signal.Revision;
import io.backstop.events.signal.RevisionHealth;
import io.backstop.events.signal.RolloutHistory;
import io.backstop.events.signal.ShaOrigin;
import io.backstop.events.signal.Symptom;
import io.backstop.events.signal.SymptomKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class OfflineAnalyzerTest {

  private final OfflineAnalyzer analyzer = new OfflineAnalyzer(AnalyzerSettings.defaults());

  static Stream<Arguments> scenarios() {
    return Stream.of(
        row(
            "bad deploy",
            ScenarioSignals::badDeploy,
            "ROLLBACK",
            "checkout",
            2L,
            Signals.SHA_REV2,
            null,
            Signals.SHA_REV3),
        row(
            "two bad revisions in a row",
            ScenarioSignals::twoBadRevisionsInARow,
            "ROLLBACK",
            "checkout",
            2L,
            Signals.SHA_REV2,
            null,
            ScenarioSignals.SHA_REV4),
        row(
            "memory leak",
            ScenarioSignals::memoryLeak,
            "RESTART",
            "checkout",
            null,
            null,
            null,
            null),
        row("saturation", ScenarioSignals::saturation, "SCALE", "frontend", null, null, 6, null),
        row(
            "revoked credential",
            ScenarioSignals::revokedCredential,
            "ESCALATE",
            "checkout",
            null,
            null,
            null,
            null),
        row(
            "primary model down",
            ScenarioSignals::primaryModelDown,
            "ROLLBACK",
            "checkout",
            2L,
            Signals.SHA_REV2,
            null,
            Signals.SHA_REV3),
        row(
            "prompt injection in logs",
            ScenarioSignals::promptInjectionInLogs,
            "ROLLBACK",
            "checkout",
            2L,
            Signals.SHA_REV2,
            null,
            Signals.SHA_REV3),
        row(
            "restart of prod-db wanted",
            ScenarioSignals::prodDbRestartWanted,
            "ESCALATE",
            "prod-db",
            null,
            null,
            null,
            null));
  }

  private static Arguments row(
      String name,
      Supplier<SignalsGathered> signals,
      String action,
      String target,
      Long revision,
      String sha,
      Integer replicas,
      String suspectedSha) {
    return Arguments.of(name, signals, action, target, revision, sha, replicas, suspectedSha);
  }

  @ParameterizedTest(name = "{0} -> {2} {3}")
  @MethodSource("scenarios")
  void diagnosesEveryShippedScenarioDeterministically(
      String name,
      Supplier<SignalsGathered> scenario,
      String action,
      String target,
      Long revision,
      String sha,
      Integer replicas,
      String suspectedSha) {
    SignalsGathered signals = scenario.get();

    Diagnosis diagnosis = analyzer.analyze(signals);

    assertThat(diagnosis.action().type()).isEqualTo(action);
    assertThat(diagnosis.action().target()).isEqualTo(target);
    assertThat(diagnosis.action().namespace()).isEqualTo("shop");
    assertThat(diagnosis.action().revision()).isEqualTo(revision);
    assertThat(diagnosis.action().gitSha()).isEqualTo(sha);
    assertThat(diagnosis.action().replicas()).isEqualTo(replicas);
    assertThat(diagnosis.suspectedResource()).isEqualTo(target);
    assertThat(diagnosis.suspectedDeploySha()).isEqualTo(suspectedSha);
    assertThat(diagnosis.confidence())
        .as("a value of the calibration table, never certainty")
        .isIn(
            Calibration.ROLLBACK,
            Calibration.RESTART_LEAK,
            Calibration.RESTART_OTHER,
            Calibration.SCALE_OUT,
            Calibration.ESCALATE_KNOWN,
            Calibration.ESCALATE_CREDENTIAL,
            Calibration.ESCALATE_UNRECOGNISED)
        .isLessThan(1.0);
    assertThat(diagnosis.citedEvidence()).isNotEmpty();
    assertThat(analyzer.analyze(signals)).isEqualTo(diagnosis);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void citesOnlyEvidenceAboutTheWorkloadAndNeverASuspectedInjection(
      String name, Supplier<SignalsGathered> scenario) {
    SignalsGathered signals = scenario.get();

    Diagnosis diagnosis = analyzer.analyze(signals);

    for (String id : diagnosis.citedEvidence()) {
      Evidence item =
          signals.evidence().stream()
              .filter(e -> e.id().value().equals(id))
              .findFirst()
              .orElseThrow();
      assertThat(item.suspectedInjection()).as(id).isFalse();
      assertThat(item.workload().name()).as(id).isEqualTo(diagnosis.suspectedResource());
    }
  }

  @Test
  void namesAConfigOnlyRollbackTargetByItsTemplateHashNotItsInheritedSha() {
    SignalsGathered base = ScenarioSignals.badDeploy();
    RolloutHistory checkout = base.rollout(Signals.CHECKOUT).orElseThrow();
    List<Revision> revisions = new ArrayList<>();
    for (Revision r : checkout.revisions()) {
      revisions.add(
          r.revision() != 2
              ? r
              : Revision.builder()
                  .revision(2)
                  .image(r.image())
                  .gitSha(Signals.SHA_REV1)
                  .deployedAt(r.deployedAt())
                  .changeCause("kubectl set env deployment/checkout POOL=20")
                  .current(false)
                  .health(RevisionHealth.HEALTHY)
                  .shaOrigin(ShaOrigin.INHERITED)
                  .podTemplateHash("6d5c4b3a2")
                  .healthReason("pods ready, errors under threshold for 30m")
                  .build());
    }
    List<RolloutHistory> rollouts = new ArrayList<>(base.rollouts());
    rollouts.replaceAll(
        h ->
            h.deployment().equals(Signals.CHECKOUT)
                ? new RolloutHistory(h.deployment(), revisions)
                : h);
    SignalsGathered signals =
        new SignalsGathered(
            base.header(),
            base.target(),
            base.evidence(),
            rollouts,
            base.inventory(),
            base.symptoms(),
            base.anomalyOnset(),
            base.redactionCount(),
            base.missingSources(),
            base.findings(),
            base.gathering());

    Diagnosis diagnosis = analyzer.analyze(signals);

    assertThat(diagnosis.action().revision()).isEqualTo(2L);
    assertThat(diagnosis.action().gitSha()).isNull();
    assertThat(diagnosis.action().podTemplateHash()).isEqualTo("6d5c4b3a2");
  }

  @Test
  void escalatesABadDeployWhoseLastHealthyRevisionMountsASecretThatIsGone() {
    SignalsGathered base = ScenarioSignals.badDeploy();
    RolloutHistory checkout = base.rollout(Signals.CHECKOUT).orElseThrow();
    List<Revision> revisions =
        checkout.revisions().stream()
            .map(
                r ->
                    r.revision() == 2
                        ? r.withConfig(
                            List.of(ConfigRef.secret("checkout-payments-key")),
                            List.of(ConfigRef.configMap("checkout-flags")))
                        : r)
            .toList();
    SignalsGathered signals =
        ScenarioSignals.build(
            Signals.CHECKOUT,
            base.evidence(),
            List.of(new RolloutHistory(Signals.CHECKOUT, revisions)),
            base.symptoms(),
            base.anomalyOnset());

    Diagnosis diagnosis = analyzer.analyze(signals);

    assertThat(diagnosis.action().type()).isEqualTo("ESCALATE");
    assertThat(diagnosis.hypothesis())
        .contains("revision 2")
        .contains("secret/checkout-payments-key")
        .contains("configmap/checkout-flags")
        .contains("CreateContainerConfigError");
  }

  @Test
  void citesTheFailingPodsAndTheRolloutForABadDeploy() {
    Diagnosis diagnosis = analyzer.analyze(ScenarioSignals.badDeploy());

    assertThat(diagnosis.citedEvidence()).containsExactly("E1", "E2", "E3", "E4");
    assertThat(diagnosis.action().scope()).isEqualTo("deployment");
  }

  @Test
  void leavesOutTheInjectedLogLineEvenWhenTriageListedItUnderASymptom() {
    Diagnosis diagnosis = analyzer.analyze(ScenarioSignals.promptInjectionInLogs());

    assertThat(diagnosis.citedEvidence()).doesNotContain("E7").contains("E2", "E3");
  }

  @Test
  void escalatesABadDeployWhenNoEarlierRevisionRanHealthy() {
    var settings = new AnalyzerSettings(Duration.ofHours(2), 50, 20);
    SignalsGathered signals = ScenarioSignals.twoBadRevisionsInARow();
    var onlyBad =
        new io.backstop.events.signal.RolloutHistory(
            Signals.CHECKOUT,
            signals.rollout(Signals.CHECKOUT).orElseThrow().revisions().stream()
                .filter(r -> r.revision() >= 3)
                .toList());
    SignalsGathered noHealthy =
        ScenarioSignals.build(
            Signals.CHECKOUT,
            signals.evidence(),
            java.util.List.of(onlyBad),
            signals.symptoms(),
            signals.anomalyOnset());

    Diagnosis diagnosis = new OfflineAnalyzer(settings).analyze(noHealthy);

    assertThat(diagnosis.action().type()).isEqualTo("ESCALATE");
  }

  @Test
  void doesNotBlameADeployThatRolledOutLongBeforeTheErrorsBegan() {
    var settings = new AnalyzerSettings(Duration.ofSeconds(30), 50, 20);

    Diagnosis diagnosis = new OfflineAnalyzer(settings).analyze(ScenarioSignals.badDeploy());

    assertThat(diagnosis.action().type()).isEqualTo("ESCALATE");
  }

  @Test
  void escalatesWhenSaturatedAtTheScaleBound() {
    var settings = new AnalyzerSettings(Duration.ofHours(2), 50, 4);

    Diagnosis diagnosis = new OfflineAnalyzer(settings).analyze(ScenarioSignals.saturation());

    assertThat(diagnosis.action().type()).isEqualTo("ESCALATE");
    assertThat(diagnosis.hypothesis()).contains("scale bound of 4");
  }

  @Test
  void escalatesASaturatedWorkloadWhoseHpaIsPinnedAtItsMaximumNamingIt() {
    SignalsGathered s = ScenarioSignals.saturation();
    SignalsGathered pinned =
        new SignalsGathered(
            s.header(),
            s.target(),
            s.evidence(),
            s.rollouts(),
            s.inventory(),
            s.symptoms(),
            s.anomalyOnset(),
            s.redactionCount(),
            s.missingSources(),
            new io.backstop.events.signal.Findings(
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of(
                    new Autoscaler(
                        "frontend", Signals.FRONTEND, 2, 4, 4, 4, true, true, "", null))),
            s.gathering());

    Diagnosis diagnosis = new OfflineAnalyzer(AnalyzerSettings.defaults()).analyze(pinned);

    assertThat(diagnosis.action().type()).isEqualTo("ESCALATE");
    assertThat(diagnosis.hypothesis()).contains("HPA frontend (max 4)").contains("maxReplicas");
  }

  @Test
  void escalatesASaturatedWorkloadWhosePodsAreAlreadyRefused() {
    SignalsGathered s = ScenarioSignals.saturation();
    List<Symptom> symptoms = new java.util.ArrayList<>(s.symptoms());
    symptoms.add(
        new Symptom(
            SymptomKind.REPLICAS_BLOCKED,
            Signals.FRONTEND,
            s.anomalyOnset(),
            List.of(EvidenceId.of("E1")),
            "2 pods unschedulable"));
    SignalsGathered blocked =
        new SignalsGathered(
            s.header(),
            s.target(),
            s.evidence(),
            s.rollouts(),
            s.inventory(),
            symptoms,
            s.anomalyOnset(),
            s.redactionCount(),
            s.missingSources(),
            s.findings(),
            s.gathering());

    Diagnosis diagnosis = new OfflineAnalyzer(AnalyzerSettings.defaults()).analyze(blocked);

    assertThat(diagnosis.action().type()).isEqualTo("ESCALATE");
    assertThat(diagnosis.hypothesis()).contains("cannot be created or scheduled");
  }

  @Test
  void capsAScaleOutAtTheMaximumReplicas() {
    var settings = new AnalyzerSettings(Duration.ofHours(2), 100, 5);

    Diagnosis diagnosis = new OfflineAnalyzer(settings).analyze(ScenarioSignals.saturation());

    assertThat(diagnosis.action().replicas()).isEqualTo(5);
  }
}
