package io.backstop.executor.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.backstop.events.fixtures.Fixtures;
import io.backstop.events.fixtures.Signals;
import io.backstop.events.signal.ErrorBasis;
import io.backstop.events.signal.WorkloadRef;
import io.backstop.executor.ExecutorProperties;
import io.backstop.executor.fixtures.LiveStates;
import io.backstop.executor.fixtures.PrometheusQueryApi;
import io.backstop.executor.live.LiveDeployment;
import io.backstop.executor.live.LiveState;
import io.backstop.executor.live.PodState;
import io.backstop.executor.live.RevisionTemplate;
import io.backstop.executor.prometheus.PrometheusErrorSignal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RolloutVerifierTest {

  final List<Duration> pauses = new ArrayList<>();

  RolloutVerifier verifier(LiveState cluster, int stablePolls) {
    return verifier(cluster, stablePolls, ErrorSignal.NONE);
  }

  RolloutVerifier verifier(LiveState cluster, int stablePolls, ErrorSignal errors) {
    return new RolloutVerifier(
        cluster,
        errors,
        new RolloutJudge(0.05),
        new ExecutorProperties.Verification(
            Duration.ofSeconds(10), Duration.ofSeconds(2), stablePolls),
        Fixtures.CLOCK,
        pauses::add);
  }

  static LiveState fixed(LiveDeployment live, List<PodState> pods) {
    return new LiveState() {
      @Override
      public Optional<LiveDeployment> deployment(WorkloadRef ref) {
        return Optional.of(live);
      }

      @Override
      public Optional<RevisionTemplate> revision(WorkloadRef ref, long revision) {
        return Optional.empty();
      }

      @Override
      public List<PodState> currentPods(WorkloadRef ref) {
        return pods;
      }
    };
  }

  @Test
  void verifiesAfterTheConfiguredNumberOfConsecutiveHealthyPolls() {
    var pods = List.of(new PodState("a", true, 0, ""), new PodState("b", true, 0, ""));

    VerificationResult result =
        verifier(fixed(LiveStates.rolledOut(2, 2, 5, 5), pods), 2).verify(Signals.CHECKOUT);

    assertThat(result.state()).isEqualTo(RolloutState.HEALTHY);
    assertThat(result.verification().rolloutComplete()).isTrue();
    assertThat(pauses).hasSize(2);
  }

  @Test
  void givesUpAfterTheWindowWithWhatWasStillMissing() {
    var pods = List.of(new PodState("a", false, 0, "ContainerCreating"));

    VerificationResult result =
        verifier(fixed(LiveStates.rolledOut(2, 0, 5, 5), pods), 2).verify(Signals.CHECKOUT);

    assertThat(result.state()).isEqualTo(RolloutState.PROGRESSING);
    assertThat(pauses).hasSize(4).allMatch(d -> d.equals(Duration.ofSeconds(2)));
    assertThat(result.verification().observations())
        .singleElement()
        .asString()
        .contains("not recovered within PT10S")
        .contains("0 of 1 new pods ready");
  }

  @Test
  void stopsAtOnceWhenTheNewPodsCrashLoop() {
    var pods = List.of(new PodState("a", false, 5, PodState.CRASH_LOOP));

    VerificationResult result =
        verifier(fixed(LiveStates.rolledOut(1, 0, 5, 5), pods), 2).verify(Signals.CHECKOUT);

    assertThat(result.state()).isEqualTo(RolloutState.CRASH_LOOPING);
    assertThat(pauses).isEmpty();
  }

  @Test
  void oldRevisionsCrashLoopingPodsAreNotBlamedOnARollbackTheControllerHasNotTakenUpYet() {
    var oldPods = List.of(new PodState("old", false, 7, PodState.CRASH_LOOP));
    var before = LiveStates.checkoutAtRevision3();

    VerificationResult result = verifier(fixed(before, oldPods), 2).verify(before, true);

    assertThat(result.state()).isEqualTo(RolloutState.PROGRESSING);
    assertThat(result.verification().observations())
        .singleElement()
        .asString()
        .contains("never moved off revision 3");
  }

  @Test
  void aTemplateWriteWhoseNewRevisionCrashLoopsIsStillCaughtAtOnce() {
    var newPods = List.of(new PodState("new", false, 2, PodState.CRASH_LOOP));

    VerificationResult result =
        verifier(fixed(LiveStates.rolledOut(1, 0, 5, 5), newPods), 2)
            .verify(LiveStates.checkoutAtRevision3(), true);

    assertThat(result.state()).isEqualTo(RolloutState.CRASH_LOOPING);
  }

  // The error signal: judged by what triage judged the incident by (ErrorBasis), measured through
  // a real HTTP server speaking Prometheus' query API.

  static final String TRIAGE_QUERY =
      "sum by (code) (irate(http_requests_total{namespace=\"shop\",deployment=\"checkout\"}[1m]))";

  static final List<PodState> READY =
      List.of(new PodState("a", true, 0, ""), new PodState("b", true, 0, ""));

  static ErrorSignal prometheus(PrometheusQueryApi api) {
    return new PrometheusErrorSignal(
        new ExecutorProperties.Prometheus(api.url(), null, 0.05, Duration.ofSeconds(2)));
  }

  VerificationResult verifyRolledOut(PrometheusQueryApi api, ErrorBasis basis) {
    LiveDeployment live = LiveStates.rolledOut(2, 2, 5, 5);
    return verifier(fixed(live, READY), 2, prometheus(api)).verify(live, false, basis);
  }

  @Test
  void a409JumpThatGoesOnAfterTheRollbackIsNotRecoveredThoughNo5xxRose() throws Exception {
    // triage counted 409 (it jumped from nothing) and every 5xx; the rollback did not stop the 409s
    var basis = new ErrorBasis(List.of("409", "500", "503"), 0.0, 0.05, TRIAGE_QUERY);
    try (var api = new PrometheusQueryApi()) {
      api.ratesByCode(Map.of("200", 70.0, "409", 30.0));

      VerificationResult result = verifyRolledOut(api, basis);

      assertThat(result.state()).isEqualTo(RolloutState.PROGRESSING);
      assertThat(result.verification().errorRatio()).isCloseTo(0.30, within(1e-9));
      assertThat(result.verification().observations())
          .singleElement()
          .asString()
          .contains("error ratio 0.3 of codes [409, 500, 503] not within 0.05 of its baseline 0.0");
      assertThat(api.queries()).isNotEmpty().allMatch(TRIAGE_QUERY::equals);

      // the fixed rule (5xx share under 5%), which older events still get, would have verified it
      assertThat(verifyRolledOut(api, null).state()).isEqualTo(RolloutState.HEALTHY);
    }
  }

  @Test
  void theSame409sBackToNothingVerify() throws Exception {
    var basis = new ErrorBasis(List.of("409", "500", "503"), 0.0, 0.05, TRIAGE_QUERY);
    try (var api = new PrometheusQueryApi()) {
      api.ratesByCode(Map.of("200", 99.0, "409", 1.0));

      VerificationResult result = verifyRolledOut(api, basis);

      assertThat(result.state()).isEqualTo(RolloutState.HEALTHY);
      assertThat(result.verification().errorRatio()).isCloseTo(0.01, within(1e-9));
    }
  }

  @Test
  void aServiceThatNormallyRunsAt6Percent5xxVerifiesOnceBackNearItsBaseline() throws Exception {
    // triage's baseline for this service (its own 5xx share before the incident, capped at the
    // threshold) is 0.05: back at its normal 6% it has recovered, though 6% is over the fixed 5%
    var basis = new ErrorBasis(List.of("500", "502", "503"), 0.05, 0.05, TRIAGE_QUERY);
    try (var api = new PrometheusQueryApi()) {
      api.ratesByCode(Map.of("200", 94.0, "500", 6.0));

      assertThat(verifyRolledOut(api, basis).state()).isEqualTo(RolloutState.HEALTHY);
      assertThat(verifyRolledOut(api, null).state())
          .as("the fixed rule never verifies this service")
          .isEqualTo(RolloutState.PROGRESSING);

      api.ratesByCode(Map.of("200", 80.0, "500", 20.0));
      VerificationResult stillUp = verifyRolledOut(api, basis);
      assertThat(stillUp.state()).isEqualTo(RolloutState.PROGRESSING);
      assertThat(stillUp.verification().observations())
          .singleElement()
          .asString()
          .contains("not within 0.05 of its baseline 0.05");
    }
  }

  @Test
  void aBasisWithoutItsQueryIsMeasuredWithTheConfiguredQueryByCode() throws Exception {
    var basis = new ErrorBasis(List.of("409"), 0.0, 0.05);
    try (var api = new PrometheusQueryApi()) {
      api.ratesByCode(Map.of("200", 70.0, "409", 30.0));

      assertThat(verifyRolledOut(api, basis).state()).isEqualTo(RolloutState.PROGRESSING);
      assertThat(api.queries())
          .isNotEmpty()
          .allMatch(q -> q.startsWith("sum by (code)"))
          .allMatch(q -> q.contains("namespace=\"shop\",deployment=\"checkout\""));
    }
  }

  @Test
  void aRecordedBasisTheQueryCannotAnswerIsNeverVerified() throws Exception {
    var basis = new ErrorBasis(List.of("409", "500"), 0.0, 0.05, TRIAGE_QUERY);
    try (var api = new PrometheusQueryApi()) {
      // no traffic at all
      api.ratesByCode(Map.of());
      assertThat(verifyRolledOut(api, basis).state()).isEqualTo(RolloutState.PROGRESSING);
      // a series without a code label: not the shape the basis was measured with
      api.answer(
          "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":"
              + "[{\"metric\":{},\"value\":[1,\"0.0\"]}]}}");
      assertThat(verifyRolledOut(api, basis).state()).isEqualTo(RolloutState.PROGRESSING);
      // an error status
      api.ratesByCode(Map.of("200", 100.0));
      api.failWith(503);
      VerificationResult down = verifyRolledOut(api, basis);
      assertThat(down.state()).isEqualTo(RolloutState.PROGRESSING);
      assertThat(down.verification().errorRatio()).isNaN();
    }
  }

  // The query itself: the executor runs only its own template bound to the written workload, never
  // PromQL taken from an event (the signed approval carries triage's text, not the guardrail's).

  @Test
  void aRecordedQueryThatIsNotTheExecutorsOwnIsRefusedAndNeverRun() throws Exception {
    // counts only the 200s: run, it would report no errors at all and verify the write
    String foreign =
        "sum by (code) (irate(http_requests_total{namespace=\"shop\",deployment=\"checkout\","
            + "code=\"200\"}[1m]))";
    var basis = new ErrorBasis(List.of("409", "500"), 0.0, 0.05, foreign);
    try (var api = new PrometheusQueryApi()) {
      api.ratesByCode(Map.of("200", 100.0));

      VerificationResult result = verifyRolledOut(api, basis);

      assertThat(result.state()).isEqualTo(RolloutState.PROGRESSING);
      assertThat(result.verification().errorRatio()).isNaN();
      assertThat(result.verification().observations())
          .first()
          .asString()
          .startsWith("error signal: the query the signals recorded is not this executor's")
          .contains(TRIAGE_QUERY)
          .doesNotContain("code=\"200\"");
      assertThat(api.queries()).as("a refused query is never sent").isEmpty();

      // the same traffic, judged with the query of the shape triage builds, verifies
      var own = new ErrorBasis(List.of("409", "500"), 0.0, 0.05, TRIAGE_QUERY);
      assertThat(verifyRolledOut(api, own).state()).isEqualTo(RolloutState.HEALTHY);
      assertThat(api.queries()).isNotEmpty().allMatch(TRIAGE_QUERY::equals);
    }
  }

  @Test
  void theExecutorsQueryBoundToAnotherWorkloadIsRefused() throws Exception {
    String cartsQuery = TRIAGE_QUERY.replace("checkout", "cart");
    var basis = new ErrorBasis(List.of("500"), 0.0, 0.05, cartsQuery);
    try (var api = new PrometheusQueryApi()) {
      api.ratesByCode(Map.of("200", 100.0));

      VerificationResult result = verifyRolledOut(api, basis);

      assertThat(result.state()).isEqualTo(RolloutState.PROGRESSING);
      assertThat(result.verification().observations())
          .anyMatch(o -> o.contains("not this executor's prometheus.requests-by-code-query"));
      assertThat(api.queries()).isEmpty();
    }
  }

  @Test
  void aRecordedQueryOfTheConfiguredShapeIsAccepted() throws Exception {
    String template =
        "sum by (code) (rate(http_requests_total{namespace=\"%1$s\",deployment=\"%2$s\"}[15s]))";
    String bound = String.format(template, "shop", "checkout");
    var basis = new ErrorBasis(List.of("409"), 0.0, 0.05, bound);
    try (var api = new PrometheusQueryApi()) {
      api.ratesByCode(Map.of("200", 99.0, "409", 1.0));
      LiveDeployment live = LiveStates.rolledOut(2, 2, 5, 5);
      ErrorSignal configured =
          new PrometheusErrorSignal(
              new ExecutorProperties.Prometheus(
                  api.url(), null, 0.05, Duration.ofSeconds(2), template));

      VerificationResult result =
          verifier(fixed(live, READY), 2, configured).verify(live, false, basis);

      assertThat(result.state()).isEqualTo(RolloutState.HEALTHY);
      assertThat(api.queries()).isNotEmpty().allMatch(bound::equals);
      // the default template's query is foreign to an executor configured with another one
      assertThat(
              verifier(fixed(live, READY), 2, configured)
                  .verify(live, false, new ErrorBasis(List.of("409"), 0.0, 0.05, TRIAGE_QUERY))
                  .state())
          .isEqualTo(RolloutState.PROGRESSING);
    }
  }

  @Test
  void aBasisLooserThanTriageBuildsOrThanTheExecutorAllowsIsRefused() throws Exception {
    try (var api = new PrometheusQueryApi()) {
      // 60% of requests fail: only a basis that makes recovery meaningless would verify this
      api.ratesByCode(Map.of("200", 40.0, "500", 60.0));
      var baselineAboveThreshold = new ErrorBasis(List.of("500"), 0.9, 0.05, TRIAGE_QUERY);
      var thresholdAboveExecutors = new ErrorBasis(List.of("500"), 0.05, 1.0, TRIAGE_QUERY);

      VerificationResult high = verifyRolledOut(api, baselineAboveThreshold);
      VerificationResult loose = verifyRolledOut(api, thresholdAboveExecutors);

      assertThat(high.state()).isEqualTo(RolloutState.PROGRESSING);
      assertThat(high.verification().observations())
          .first()
          .asString()
          .contains("baseline 0.9 is above its threshold 0.05");
      assertThat(loose.state()).isEqualTo(RolloutState.PROGRESSING);
      assertThat(loose.verification().observations())
          .first()
          .asString()
          .contains("threshold 1.0 is above this executor's prometheus.error-ratio-threshold 0.05");
      assertThat(api.queries()).isEmpty();
      // unrefused, the first would have verified: 0.6 is within 0.05 of a 0.9 baseline
      assertThat(baselineAboveThreshold.recovered(0.6)).isTrue();
    }
  }

  @Test
  void aWorkloadNameThatIsNotAKubernetesNameIsNeverFormattedIntoAQuery() throws Exception {
    var injected = WorkloadRef.deployment("shop", "checkout\"} or vector(0) #");
    try (var api = new PrometheusQueryApi()) {
      api.ratesByCode(Map.of("200", 100.0));
      ErrorSignal signal = prometheus(api);

      assertThat(signal.errorRatio(injected)).isNaN();
      assertThat(signal.errorRatio(injected, new ErrorBasis(List.of("500"), 0.0, 0.05))).isNaN();
      assertThat(signal.refusal(injected, null)).isPresent();
      assertThat(api.queries()).isEmpty();
      assertThat(signal.refusal(Signals.CHECKOUT, null)).isEmpty();
    }
  }

  @Test
  void aBasisIsNotMeasuredWhenNoErrorSourceIsConfigured() {
    var basis = new ErrorBasis(List.of("409"), 0.0, 0.05, TRIAGE_QUERY);
    LiveDeployment live = LiveStates.rolledOut(2, 2, 5, 5);

    VerificationResult result = verifier(fixed(live, READY), 2).verify(live, false, basis);

    assertThat(result.state()).isEqualTo(RolloutState.HEALTHY);
    assertThat(result.verification().errorRatio()).isNull();
  }
}
