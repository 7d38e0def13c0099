package io.backstop.stack.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Which acts each scope of the chaos suite runs, and how a selection of them is checked. */
class ChaosPlanTest {

  private static final List<String> SERVICES =
      List.of("triage", "diagnosis", "guardrail", "executor", "escalation");

  @Test
  void theCiSubsetIsTheOneStackActAlone() {
    assertThat(ChaosSuite.acts(ChaosSuite.Scope.CI)).containsExactly("one-stack");
  }

  @Test
  void theFullSuiteAddsTheGatewayThePagerTheStormAndThreeKillPointsPerService() {
    List<String> acts = ChaosSuite.acts(ChaosSuite.Scope.FULL);

    assertThat(acts)
        .startsWith("one-stack")
        .contains("gateway-down", "gateway-slow", "slow-pager", "storm")
        .doesNotHaveDuplicates();
    Map<String, Long> killsPerService =
        acts.stream()
            .filter(a -> a.startsWith("kill-"))
            .map(a -> a.substring("kill-".length(), a.indexOf('-', "kill-".length())))
            .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    assertThat(killsPerService).containsOnlyKeys(SERVICES);
    assertThat(killsPerService.values()).allSatisfy(n -> assertThat(n).isGreaterThanOrEqualTo(3));
  }

  @Test
  void everyKillPointNamesTheServiceItKillsInItsFault() {
    for (KillAct.Point point : KillAct.Point.values()) {
      String service = point.name().substring(0, point.name().indexOf('_')).toLowerCase();
      assertThat(point.fault()).as(point.name()).startsWith(service + "-service killed ");
    }
  }

  @Test
  void aSelectionNamingAnUnknownActIsRefusedWithTheActsThereAre() {
    assertThatThrownBy(
            () -> ChaosSuite.requireKnown(ChaosSuite.Scope.CI, Set.of("one-stack", "storm")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no chaos act named storm in the ci suite")
        .hasMessageContaining("its acts are one-stack");
    ChaosSuite.requireKnown(ChaosSuite.Scope.FULL, Set.of("storm", "kill-executor-after-outcome"));
  }
}
