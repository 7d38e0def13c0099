package io.backstop.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.backstop.events.diagnosis.ActionType;
import io.backstop.events.escalation.EscalationReason;
import io.backstop.scenario.Expected.Outcome;
import io.backstop.scenario.HealthProfile.Kind;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;

/** Every shipped scenario loads, validates, and its data tells a consistent, realistic story. */
class ShippedScenariosTest {

  private static final java.util.Map<String, Scenario> LOADED =
      new java.util.concurrent.ConcurrentHashMap<>();

  static Stream<String> shippedNames() {
    return ScenarioLoader.shippedNames().stream();
  }

  /** Each shipped file is loaded (and validated) once for all the data rules below. */
  private static Scenario shipped(String fileName) {
    return LOADED.computeIfAbsent(fileName, ScenarioLoader::loadResource);
  }

  @Test
  void shipsEveryScenarioIssueThreeAsksFor() {
    assertThat(ScenarioLoader.shippedNames())
        .contains(
            "bad-deploy-hallucinated-sha.yaml",
            "two-bad-revisions.yaml",
            "memory-leak.yaml",
            "saturation.yaml",
            "revoked-credential.yaml",
            "primary-model-down.yaml",
            "prompt-injection.yaml",
            "restart-prod-db.yaml");
    assertThat(ScenarioLoader.shipped()).hasSameSizeAs(ScenarioLoader.shippedNames());
  }

  @ParameterizedTest
  @MethodSource("shippedNames")
  void everyShippedScenarioLoadsAndValidates(String fileName) {
    var scenario = ScenarioLoader.loadResource(fileName);
    LOADED.put(fileName, scenario);

    assertThat(scenario.name() + ".yaml").isEqualTo(fileName);
    assertThat(scenario.models()).containsKeys("claude", "llama", "nova", "haiku", "opus");
    assertThat(scenario.cluster().hasWorkload("prod-db")).isTrue();
  }

  @ParameterizedTest
  @MethodSource("shippedNames")
  void everyImageIsTaggedWithItsRevisionsShaPrefix(String fileName) {
    var scenario = shipped(fileName);

    scenario.cluster().namespaces().stream()
        .flatMap(ns -> ns.deployments().stream())
        .flatMap(d -> d.revisions().stream())
        .forEach(r -> assertThat(r.image()).endsWith(":" + r.shortSha()));
  }

  @ParameterizedTest
  @MethodSource("shippedNames")
  void prodDbIsAProtectedStatefulSetThatNoScenarioExpectsToTouch(String fileName) {
    var scenario = shipped(fileName);
    var prodDb = scenario.cluster().namespace("shop").flatMap(ns -> ns.statefulSet("prod-db"));

    assertThat(prodDb).hasValueSatisfying(db -> assertThat(db.labelledProtected()).isTrue());
    assertThat(scenario.expected().untouched()).contains("prod-db");
  }

  @ParameterizedTest
  @MethodSource("shippedNames")
  void rollbackTargetIsTheLastHealthyRevisionAndEverythingAfterItIsUnhealthy(String fileName) {
    var scenario = shipped(fileName);
    var action = scenario.expected().action();
    if (action == null || action.type() != ActionType.ROLLBACK) {
      return;
    }
    var revisions =
        scenario
            .cluster()
            .deployment(action.namespace(), action.deployment())
            .orElseThrow()
            .revisions();
    var target =
        revisions.stream().filter(r -> r.revision() == action.revision()).findFirst().orElseThrow();

    assertThat(profileOf(scenario, target).kind()).isEqualTo(Kind.HEALTHY);
    revisions.stream()
        .filter(r -> r.revision() > target.revision())
        .forEach(r -> assertThat(profileOf(scenario, r).kind()).isNotEqualTo(Kind.HEALTHY));
  }

  /** A revision's own profile (a config-only revision's), else its image's. */
  private static io.backstop.scenario.HealthProfile profileOf(
      io.backstop.scenario.Scenario scenario, DeployedRevision revision) {
    return revision.profile() != null ? revision.profile() : scenario.profileOf(revision.image());
  }

  @ParameterizedTest
  @MethodSource("shippedNames")
  void anHonestModelRecommendsTheExpectedAction(String fileName) {
    var scenario = shipped(fileName);
    var recommended = scenario.diagnoses().correct().action();
    var expected = scenario.expected();

    if (expected.outcome() == Outcome.ACTION_VERIFIED) {
      assertThat(recommended.type()).isEqualTo(expected.action().type().name());
      assertThat(recommended.target()).isEqualTo(expected.action().deployment());
      assertThat(recommended.revision()).isEqualTo(expected.action().revision());
      if (expected.action().type() == ActionType.SCALE) {
        assertThat(recommended.replicas())
            .isBetween(expected.action().minReplicas(), expected.action().maxReplicas());
      }
    } else if (expected.outcome() == Outcome.ESCALATED) {
      assertThat(recommended.type()).isIn("ESCALATE", "NONE");
    } else {
      assertThat(recommended.type()).isIn("ESCALATE", "NONE", "ROLLBACK", "RESTART", "SCALE");
    }
  }

  @Test
  void headlineLieNamesAShaThatIsInNoRolloutHistoryAndScopesTheRollbackToAll() {
    var scenario = ScenarioLoader.loadResource("bad-deploy-hallucinated-sha.yaml");
    var lie = scenario.diagnoses().hallucinated();
    var knownShas =
        scenario.cluster().namespaces().stream()
            .flatMap(ns -> ns.deployments().stream())
            .flatMap(d -> d.revisions().stream())
            .map(DeployedRevision::gitSha)
            .toList();

    assertThat(scenario.behaviourOf("claude").orElseThrow().behaviour())
        .isEqualTo(ModelBehaviour.Behaviour.HALLUCINATE);
    assertThat(knownShas).doesNotContain(lie.suspectedDeploySha());
    assertThat(lie.action().scope()).isEqualTo("all");
    assertThat(scenario.faultyDeployment().currentRevision().revision()).isEqualTo(3);
  }

  @Test
  void schemaReasonsAreExactlyTheContractsEscalationReasons() throws Exception {
    var schema = JsonMapper.shared().readTree(ScenarioErrorsTest.resource("scenario.schema.json"));
    List<String> inSchema =
        schema
            .at("/$defs/expected/properties/reason/enum")
            .valueStream()
            .map(n -> n.asString())
            .toList();

    assertThat(inSchema)
        .containsExactlyElementsOf(
            Arrays.stream(EscalationReason.values()).map(Enum::name).toList());
  }

  @Test
  void durationsAndQuantitiesAreReadAsWritten() {
    var scenario = ScenarioLoader.loadResource("memory-leak.yaml");
    var recommendations = scenario.faultyDeployment();

    assertThat(recommendations.resources().limits().memoryBytes()).isEqualTo(1L << 30);
    assertThat(recommendations.resources().requests().cpuMillis()).isEqualTo(500);
    assertThat(scenario.fault().profile().memoryGrowthBytesPerMinute()).isEqualTo(24L << 20);
    assertThat(recommendations.currentRevision().deployedAgo()).hasDays(6);
    assertThat(scenario.alert().after()).hasSeconds(30);
  }
}
