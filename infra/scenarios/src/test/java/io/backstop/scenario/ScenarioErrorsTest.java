package io.backstop.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A scenario with a wrong field fails with a problem naming the file, the line and the field. */
class ScenarioErrorsTest {

  private static final String FILE = "bad-deploy-hallucinated-sha.yaml";
  private static final String HEADLINE = resource(FILE);

  @Test
  void wrongTypeNamesFileLineAndField() {
    String text = replace(HEADLINE, "          replicas: 3\n", "          replicas: three\n");

    var problem = firstProblem(text);

    assertThat(problem.file()).isEqualTo(FILE);
    assertThat(problem.line()).isEqualTo(lineOf(text, "replicas: three"));
    assertThat(problem.field()).isEqualTo("cluster.namespaces[0].deployments[0].replicas");
    assertThat(problem.message()).isEqualTo("must be an integer, but was a string 'three'");
  }

  @Test
  void valueOutOfRangeNamesTheBoundAndTheValue() {
    String text = replace(HEADLINE, "          replicas: 2\n", "          replicas: 0\n");

    var problem = firstProblem(text);

    assertThat(problem.toString())
        .isEqualTo(
            FILE
                + ":"
                + lineOf(text, "replicas: 0")
                + ": cluster.namespaces[0].deployments[1].replicas: must be >= 1, but was 0");
  }

  @Test
  void unknownPropertyNamesTheMisspelledField() {
    String text = replace(HEADLINE, "          container: cart\n", "          containr: cart\n");

    var problems = problems(text);

    assertThat(problems)
        .anySatisfy(
            problem -> {
              assertThat(problem.line()).isEqualTo(lineOf(text, "containr: cart"));
              assertThat(problem.field())
                  .isEqualTo("cluster.namespaces[0].deployments[1].containr");
              assertThat(problem.message()).startsWith("unknown field");
            });
    assertThat(problems)
        .anySatisfy(
            problem ->
                assertThat(problem.field())
                    .isEqualTo("cluster.namespaces[0].deployments[1].container"));
  }

  @Test
  void missingRequiredFieldNamesTheFieldAtItsParentsLine() {
    String text = replace(HEADLINE, "  alertname: HighErrorRate\n", "");

    var problem = firstProblem(text);

    assertThat(problem.field()).isEqualTo("alert.alertname");
    assertThat(problem.line()).isEqualTo(lineOf(text, "alert:"));
    assertThat(problem.message()).isEqualTo("is required");
  }

  @Test
  void badDurationNamesTheFieldAndShowsTheAcceptedForm() {
    String text = replace(HEADLINE, "deployedAgo: 12m", "deployedAgo: 12 minutes");

    var problem = firstProblem(text);

    assertThat(problem.line()).isEqualTo(lineOf(text, "deployedAgo: 12 minutes"));
    assertThat(problem.field())
        .isEqualTo("cluster.namespaces[0].deployments[0].revisions[2].deployedAgo");
    assertThat(problem.message()).contains("must be a duration like", "'12 minutes'");
  }

  @Test
  void malformedShaIsNamed() {
    String text =
        replace(
            HEADLINE, "gitSha: 1a2b3c4d5e6f708192a3b4c5d6e7f80912a3b4c5", "gitSha: 1a2b3c4d5e6f");

    var problem = firstProblem(text);

    assertThat(problem.field())
        .isEqualTo("cluster.namespaces[0].deployments[0].revisions[0].gitSha");
    assertThat(problem.message()).contains("40-character");
  }

  @Test
  void unquotedBooleanLabelIsAWrongType() {
    String text =
        replace(HEADLINE, "backstop.io/protected: \"true\"", "backstop.io/protected: true");

    var problem = firstProblem(text);

    assertThat(problem.field())
        .isEqualTo("cluster.namespaces[0].statefulSets[0].labels.backstop.io/protected");
    assertThat(problem.line()).isEqualTo(lineOf(text, "backstop.io/protected: true"));
  }

  @Test
  void faultOnADeploymentThatDoesNotExistIsNamed() {
    String text =
        replace(
            HEADLINE, "  deployment: checkout\n  after: 0s", "  deployment: checkot\n  after: 0s");

    var problem = firstProblem(text);

    assertThat(problem.field()).isEqualTo("fault.deployment");
    assertThat(problem.line()).isEqualTo(lineOf(text, "deployment: checkot"));
    assertThat(problem.message()).isEqualTo("no Deployment shop/checkot in the cluster");
  }

  @Test
  void rollbackExpectationToARevisionNotInTheHistoryIsNamed() {
    String text = replace(HEADLINE, "    revision: 2\n    gitSha:", "    revision: 7\n    gitSha:");

    var problem = firstProblem(text);

    assertThat(problem.field()).isEqualTo("expected.action.revision");
    assertThat(problem.message()).isEqualTo("no revision 7 in checkout's history");
  }

  @Test
  void revisionsOutOfOrderAreNamed() {
    String text = replace(HEADLINE, "deployedAgo: 3d", "deployedAgo: 30d");

    var problem = firstProblem(text);

    assertThat(problem.field())
        .isEqualTo("cluster.namespaces[0].deployments[0].revisions[1].deployedAgo");
  }

  @Test
  void revisionThatRollsOutLaterMustNotClaimAnEarlierDeployTime() {
    String text =
        replace(resource("primary-model-down.yaml"), "deployedAgo: 0s", "deployedAgo: 1m");

    var problem = firstProblem(text, "primary-model-down.yaml");

    assertThat(problem.field())
        .isEqualTo("cluster.namespaces[0].deployments[0].revisions[2].deployedAgo");
    assertThat(problem.line()).isEqualTo(lineOf(text, "deployedAgo: 1m"));
    assertThat(problem.message()).startsWith("must be 0s");
  }

  @Test
  void hallucinatingModelWithoutAScriptedLieIsNamed() {
    int from = HEADLINE.indexOf("  hallucinated:");
    String text = HEADLINE.substring(0, from);

    var problem = firstProblem(text);

    assertThat(problem.field()).isEqualTo("diagnoses.hallucinated");
    assertThat(problem.line()).isEqualTo(lineOf(text, "diagnoses:"));
  }

  @Test
  void invalidYamlNamesTheLine() {
    String text = replace(HEADLINE, "  severity: critical\n", "  severity: [critical\n");

    var problem = firstProblem(text);

    assertThat(problem.file()).isEqualTo(FILE);
    assertThat(problem.line()).isGreaterThanOrEqualTo(lineOf(text, "severity: [critical"));
    assertThat(problem.message()).startsWith("not valid YAML");
  }

  @Test
  void aFieldGivenTwiceIsNamedNotSilentlyOverwritten() {
    String text =
        replace(
            HEADLINE, "          replicas: 2\n", "          replicas: 2\n          replicas: 5\n");

    var problem = firstProblem(text);

    assertThat(problem.line()).isEqualTo(lineOf(text, "replicas: 5"));
    assertThat(problem.message()).startsWith("not valid YAML").contains("Duplicate", "replicas");
  }

  @Test
  void aSecondYamlDocumentIsRefusedNotIgnored() {
    String text = HEADLINE + "---\nname: another-scenario\n";

    var problem = firstProblem(text);

    assertThat(problem.line()).isGreaterThanOrEqualTo(lineOf(text, "---"));
    assertThat(problem.message()).startsWith("not valid YAML");
  }

  @Test
  void anEscalationExpectationNamesItsMissingReasonAndTheActionThatDoesNotBelong() {
    String text = replace(HEADLINE, "outcome: ACTION_VERIFIED", "outcome: ESCALATED");

    var problems = problems(text);

    assertThat(problems)
        .extracting(ScenarioException.Problem::field, ScenarioException.Problem::message)
        .contains(
            org.assertj.core.groups.Tuple.tuple("expected.reason", "is required"),
            org.assertj.core.groups.Tuple.tuple(
                "expected.action",
                "is not allowed here (see the format: it goes with another kind or outcome)"));
  }

  @Test
  void emptyDocumentIsNamed() {
    assertThat(firstProblem("# nothing here\n").message()).isEqualTo("the document is empty");
  }

  @Test
  void nameMustMatchTheFileName(@TempDir Path directory) throws IOException {
    Path file = directory.resolve("my-scenario.yaml");
    Files.writeString(file, HEADLINE);

    assertThatThrownBy(() -> ScenarioLoader.load(file))
        .isInstanceOf(ScenarioException.class)
        .hasMessageContaining(
            "my-scenario.yaml:" + lineOf(HEADLINE, "name: bad-deploy") + ": name:");
  }

  @Test
  void missingFileIsAProblemNotACrash(@TempDir Path directory) {
    assertThatThrownBy(() -> ScenarioLoader.load(directory.resolve("absent.yaml")))
        .isInstanceOf(ScenarioException.class)
        .hasMessageStartingWith("absent.yaml:1: cannot read the file");
  }

  @Test
  void unknownShippedScenarioIsNamed() {
    assertThatThrownBy(() -> ScenarioLoader.loadResource("no-such.yaml"))
        .isInstanceOf(ScenarioException.class)
        .hasMessageContaining("no such scenario on the classpath: scenarios/no-such.yaml");
  }

  private static ScenarioException.Problem firstProblem(String text) {
    return firstProblem(text, FILE);
  }

  private static ScenarioException.Problem firstProblem(String text, String file) {
    return problems(text, file).get(0);
  }

  private static java.util.List<ScenarioException.Problem> problems(String text) {
    return problems(text, FILE);
  }

  private static java.util.List<ScenarioException.Problem> problems(String text, String file) {
    try {
      ScenarioLoader.parse(file, text);
    } catch (ScenarioException e) {
      return e.problems();
    }
    throw new AssertionError("expected the scenario to be rejected");
  }

  private static String replace(String text, String from, String to) {
    assertThat(text).contains(from);
    return text.replaceFirst(
        java.util.regex.Pattern.quote(from), java.util.regex.Matcher.quoteReplacement(to));
  }

  /** The 1-based line of the first occurrence of {@code fragment}. */
  static int lineOf(String text, String fragment) {
    int at = text.indexOf(fragment);
    assertThat(at).as("fragment %s", fragment).isNotNegative();
    return (int) text.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
  }

  static String resource(String name) {
    try (InputStream in =
        ScenarioErrorsTest.class.getClassLoader().getResourceAsStream("scenarios/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
