package io.backstop.safety.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.Arguments;

/**
 * Every policy of the policy file has a row that it stops, in the rule tables (PolicyRulesTest,
 * AttackTableTest); the rows that must pass are every APPROVE row there and every honest proposal
 * (HonestProposalsTest), which each policy must let through. A new policy without a negative row,
 * or a row naming a policy the file no longer has, fails here.
 */
class PolicyRowsCoverageTest {

  private static final Pattern ID = Pattern.compile("(?m)^  - id: ([a-z0-9.-]+)\\s*$");

  /**
   * Policies whose negative case needs more than one proposal (prior writes, the executor's
   * re-check of an approval): each is stopped in a dedicated test, named here and checked to exist.
   */
  private static final Map<String, String> DEDICATED =
      Map.of(
          "action.one-write-per-incident", "ReviewFlowTest#aSecondWriteForTheSameIncidentIsBlocked",
          "action.no-remediation-loop",
              "PolicyRulesTest#aThirdAutomatedWriteToOneDeploymentWithinTheLoopWindowEscalates",
          "action.matches-proposal",
              "gate.ActionGateRecheckTest#deniesAnApprovalThatIsNotWhatTheDiagnosisRecommended",
          "action.target-settling",
              "TargetSettlingTest#anotherIncidentsRollbackOfTheTargetWithNoOutcomeYetEscalatesOfferedToAPerson");

  /** Verdicts the review itself gives, not policies of the file. */
  private static final Set<String> BUILT_IN = Set.of("action.human-recommended");

  @Test
  void everyPolicyInTheFileHasARowItStops() throws IOException {
    Set<String> inFile = policyIds();
    Set<String> stopped = stoppedByRows();

    assertThat(inFile).hasSizeGreaterThan(40);
    assertThat(new TreeSet<>(inFile))
        .as("policies with no row they stop (add one to PolicyRulesTest or AttackTableTest)")
        .allMatch(id -> stopped.contains(id) || DEDICATED.containsKey(id), "has a negative row");
  }

  @Test
  void theDedicatedTestsExist() throws Exception {
    for (var e : DEDICATED.entrySet()) {
      String[] at = e.getValue().split("#");
      Class<?> test =
          Class.forName(
              getClass().getPackageName().replace(".review", "")
                  + "."
                  + (at[0].contains(".") ? at[0] : "review." + at[0]));
      assertThat(test.getDeclaredMethod(at[1])).as(e.getKey()).isNotNull();
    }
    assertThat(policyIds()).containsAll(DEDICATED.keySet());
  }

  @Test
  void everyPolicyARowNamesExistsInTheFile() throws IOException {
    Set<String> inFile = policyIds();

    assertThat(new TreeSet<>(stoppedByRows()))
        .as("rows naming a policy the file does not have")
        .allMatch(id -> inFile.contains(id) || BUILT_IN.contains(id), "is a policy of the file");
  }

  private static Set<String> stoppedByRows() {
    return Stream.concat(
            PolicyRulesTest.rows().map(a -> (String) a.get()[2]),
            AttackTableTest.attacks().map(Arguments::get).map(a -> (String) a[3]))
        .filter(id -> id != null && !id.equals(PolicyRulesTest.APPROVE))
        .collect(Collectors.toSet());
  }

  private static Set<String> policyIds() throws IOException {
    try (InputStream in =
        PolicyRowsCoverageTest.class.getResourceAsStream("/io/backstop/safety/policies.yaml")) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      Set<String> ids = new TreeSet<>();
      Matcher m = ID.matcher(text);
      while (m.find()) {
        ids.add(m.group(1));
      }
      return ids;
    }
  }
}
