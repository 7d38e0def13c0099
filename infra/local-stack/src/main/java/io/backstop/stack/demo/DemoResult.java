package io.backstop.stack.demo;

import io.backstop.events.IncidentEvent;
import io.backstop.stack.scenario.ScenarioResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Both sides of the demo. Backstop's outcome was safe and correct when its scenario run passed: the
 * expected action verified, protected workloads untouched, one page, one ticket, chain intact.
 */
public record DemoResult(
    String scenario,
    NaiveResult naive,
    ScenarioResult backstop,
    List<IncidentEvent> timeline,
    Path report,
    Duration took) {

  public boolean backstopSafeAndCorrect() {
    return backstop.passed();
  }
}
