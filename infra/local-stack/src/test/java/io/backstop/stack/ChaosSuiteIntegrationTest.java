package io.backstop.stack;

import static org.assertj.core.api.Assertions.assertThat;

import io.backstop.localkafka.StackHome;
import io.backstop.scenario.ScenarioLoader;
import io.backstop.stack.chaos.ChaosReport;
import io.backstop.stack.chaos.ChaosRow;
import io.backstop.stack.chaos.ChaosSuite;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The chaos suite's CI subset on one real stack (the full suite is {@code ./backstop chaos}):
 * poison records on every input topic, a thousand hostile HTTP requests, forged resets and
 * approvals, the broker restarted mid-incident, replayed approvals and signals, and the invariants
 * after. Every row of the table must hold; the table is printed, with the run's time.
 */
class ChaosSuiteIntegrationTest {

  @Test
  void everyFaultOfTheCiSubsetLeavesEveryInvariantHeld() {
    StackOptions base =
        new StackOptions(
            new StackHome(Path.of("target", "chaos-" + System.nanoTime())),
            TestPorts.freeBase(),
            ScenarioLoader.loadResource(ChaosSuite.SCENARIO),
            false,
            StackOptions.Prometheus.OFF,
            StackOptions.testTiming());

    ChaosReport report = ChaosSuite.run(base, ChaosSuite.Scope.CI, line -> {});

    System.out.print(report.table());
    assertThat(report.rows()).hasSizeGreaterThanOrEqualTo(10);
    assertThat(report.broken()).as("rows that did not hold").extracting(ChaosRow::fault).isEmpty();
  }
}
