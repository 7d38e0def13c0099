package io.backstop.stack.chaos;

import io.backstop.localkafka.StackHome;
import io.backstop.scenario.ScenarioLoader;
import io.backstop.stack.LocalStack;
import io.backstop.stack.StackOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs the chaos suite against real local stacks and returns its table. {@link Scope#CI} is the
 * subset {@code mvn verify} runs: one stack, every fault of {@link OneStackAct}. {@link Scope#FULL}
 * ({@code ./backstop chaos}) runs that with larger floods, then the faults that need a stack of
 * their own (a service killed at a given stage of an incident).
 */
public final class ChaosSuite {

  /**
   * The scenario every act's incident is: a bad deploy the executor rolls back and verifies, with
   * secrets seeded in its env, annotations, logs and alert ({@link SeededSecrets}).
   */
  public static final String SCENARIO = "chaos/chaos-bad-deploy-with-secrets.yaml";

  public enum Scope {
    CI(1_000, 20),
    FULL(5_000, 200);

    private final int hostileRequests;
    private final int replays;

    Scope(int hostileRequests, int replays) {
      this.hostileRequests = hostileRequests;
      this.replays = replays;
    }
  }

  private ChaosSuite() {}

  /**
   * The suite on stacks made from {@code base} (its ports, process model and broker; the scenario
   * is {@link #SCENARIO}, each act gets a data directory of its own under {@code base}'s).
   */
  public static ChaosReport run(StackOptions base, Scope scope, Consumer<String> progress) {
    Instant started = Instant.now();
    List<ChaosRow> rows = new ArrayList<>();
    try (LocalStack stack = LocalStack.start(act(base, "one-stack"), progress)) {
      rows.addAll(new OneStackAct(stack, progress, scope.hostileRequests, scope.replays).run());
    }
    if (scope == Scope.FULL) {
      for (KillAct.Point point : KillAct.Point.values()) {
        try (LocalStack stack = LocalStack.start(act(base, "kill-" + point.name()), progress)) {
          rows.add(new KillAct(stack, progress, point).run());
        } catch (RuntimeException e) {
          rows.add(ChaosRow.failed(point.fault(), point.expectation(), e));
        }
      }
    }
    return new ChaosReport(rows, Duration.between(started, Instant.now()));
  }

  /** {@code base} with the chaos scenario and a fresh data directory for one act. */
  static StackOptions act(StackOptions base, String name) {
    return new StackOptions(
        new StackHome(base.home().root().resolve("chaos-" + name + "-" + System.nanoTime())),
        base.ports(),
        ScenarioLoader.loadResource(SCENARIO),
        base.separateProcesses(),
        base.prometheus(),
        base.timing(),
        base.instances(),
        base.serviceProperties(),
        base.authenticatedBroker());
  }
}
