package io.backstop.stack.chaos;

import io.backstop.localkafka.StackHome;
import io.backstop.scenario.ScenarioLoader;
import io.backstop.stack.LocalStack;
import io.backstop.stack.StackOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
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
    return run(base, scope, Set.of(), progress);
  }

  /**
   * As {@link #run(StackOptions, Scope, Consumer)}, only the acts named in {@code only} (all when
   * it is empty); {@link #acts(Scope)} lists the names.
   */
  public static ChaosReport run(
      StackOptions base, Scope scope, Set<String> only, Consumer<String> progress) {
    requireKnown(scope, only);
    Instant started = Instant.now();
    List<ChaosRow> rows = new ArrayList<>();
    for (Act act : plan(scope)) {
      if (!only.isEmpty() && !only.contains(act.name())) {
        continue;
      }
      try (LocalStack stack = LocalStack.start(act(base, act.name()), progress)) {
        rows.addAll(act.run().apply(stack, progress));
      } catch (RuntimeException e) {
        rows.add(ChaosRow.failed(act.fault(), act.expectation(), e));
      }
    }
    return new ChaosReport(rows, Duration.between(started, Instant.now()));
  }

  /** Refuses, naming every act there is, a selection that names an act the scope does not run. */
  static void requireKnown(Scope scope, Set<String> only) {
    List<String> unknown =
        only.stream().filter(name -> !acts(scope).contains(name)).sorted().toList();
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException(
          "no chaos act named "
              + String.join(", ", unknown)
              + " in the "
              + scope.name().toLowerCase(java.util.Locale.ROOT)
              + " suite; its acts are "
              + String.join(", ", acts(scope)));
    }
  }

  /** The names of the acts a scope runs, in order, each on a stack of its own. */
  public static List<String> acts(Scope scope) {
    return plan(scope).stream().map(Act::name).toList();
  }

  /** One stack's worth of faults: its name, what it does, and the rows it adds. */
  private record Act(
      String name,
      String fault,
      String expectation,
      BiFunction<LocalStack, Consumer<String>, List<ChaosRow>> run) {}

  private static List<Act> plan(Scope scope) {
    List<Act> acts = new ArrayList<>();
    acts.add(
        new Act(
            "one-stack",
            "the one-stack faults",
            "every row held",
            (stack, progress) ->
                new OneStackAct(stack, progress, scope.hostileRequests, scope.replays).run()));
    if (scope == Scope.FULL) {
      for (GatewayAct.Mode mode : GatewayAct.Mode.values()) {
        acts.add(
            new Act(
                "gateway-" + mode.name().toLowerCase(java.util.Locale.ROOT),
                mode.fault(),
                mode.expectation(),
                (stack, progress) -> List.of(new GatewayAct(stack, progress, mode).run())));
      }
      acts.add(
          new Act(
              "slow-pager",
              SlowPagerAct.FAULT,
              SlowPagerAct.EXPECTATION,
              (stack, progress) -> List.of(new SlowPagerAct(stack, progress).run())));
      acts.add(
          new Act(
              "storm",
              StormAct.FAULT,
              StormAct.EXPECTATION,
              (stack, progress) -> List.of(new StormAct(stack, progress).run())));
      for (KillAct.Point point : KillAct.Point.values()) {
        acts.add(
            new Act(
                "kill-" + point.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'),
                point.fault(),
                point.expectation(),
                (stack, progress) -> List.of(new KillAct(stack, progress, point).run())));
      }
    }
    return acts;
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
