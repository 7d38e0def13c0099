package io.backstop.stack.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import io.backstop.modelsim.RequestBody;
import io.backstop.redaction.Redactor;
import io.backstop.scenario.Deployment;
import io.backstop.scenario.Namespace;
import io.backstop.scenario.Scenario;
import io.backstop.scenario.ScenarioLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SeededSecretsTest {

  private final Scenario chaos = ScenarioLoader.loadResource(ChaosSuite.SCENARIO);

  @Test
  void everySeedSitsOnOneLineOfTheChaosScenarioBesideItsCarrier() {
    List<String> lines = seededLines(chaos);

    assertThat(SeededSecrets.CHAOS.seeds())
        .allSatisfy(
            seed ->
                assertThat(lines)
                    .as(seed.where())
                    .anyMatch(l -> l.contains(seed.secret()) && l.contains(seed.carrier())));
  }

  @Test
  void theRedactorRemovesEverySeededSecretAndKeepsTheCarrierBesideIt() {
    Redactor redactor = new Redactor();

    for (String line : seededLines(chaos)) {
      String redacted = redactor.redact(line).text();
      for (SeededSecrets.Seed seed : SeededSecrets.CHAOS.seeds()) {
        if (line.contains(seed.secret()) && line.contains(seed.carrier())) {
          assertThat(redacted).as(seed.where()).doesNotContain(seed.secret());
          assertThat(redacted).as(seed.where()).contains(seed.carrier());
        }
      }
    }
  }

  @Test
  void aBodyHoldingASecretIsALeakAndABodyHoldingOnlyTheLineAroundItIsCarried() {
    var leaking =
        new RequestBody(
            1, "{\"messages\":[{\"content\":\"postgres:\\/\\/checkout:Xlo88nhcIoMjHsJCC3@h\"}]}");
    var redacted =
        new RequestBody(2, "{\"content\":\"c.s.checkout.db.Pool postgres://[REDACTED]@h\"}");

    var leak = SeededSecrets.CHAOS.in(List.of(leaking));
    var clean = SeededSecrets.CHAOS.in(List.of(redacted));
    var none = SeededSecrets.CHAOS.in(List.of());

    assertThat(leak.leaked()).extracting(SeededSecrets.Seed::where).contains("env PAYMENTS_DB_URL");
    assertThat(clean.leaked()).isEmpty();
    assertThat(clean.carried())
        .extracting(SeededSecrets.Seed::where)
        .containsExactly("pod log (database URL)");
    assertThat(none.bodies()).isZero();
    assertThat(none.carried()).isEmpty();
  }

  /**
   * Every text the scenario seeds: container env, Deployment annotations, logs, alert annotations.
   */
  private static List<String> seededLines(Scenario scenario) {
    List<String> lines = new ArrayList<>();
    for (Namespace ns : scenario.cluster().namespaces()) {
      for (Deployment d : ns.deployments()) {
        d.env().forEach((k, v) -> lines.add(k + "=" + v));
        d.annotations().forEach((k, v) -> lines.add(k + ": " + v));
        lines.addAll(d.logs());
      }
    }
    for (Map.Entry<String, String> a : scenario.alert().annotations().entrySet()) {
      lines.add(a.getKey() + ": " + a.getValue());
    }
    return lines;
  }
}
