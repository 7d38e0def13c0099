package io.backstop.diagnosis.bench;

import io.backstop.diagnosis.Diagnoser;
import io.backstop.diagnosis.Pricing;
import io.backstop.diagnosis.TargetSpec;
import io.backstop.diagnosis.analyzer.AnalyzerSettings;
import io.backstop.diagnosis.analyzer.OfflineAnalyzer;
import io.backstop.diagnosis.chain.CallBudget;
import io.backstop.diagnosis.chain.ChainSettings;
import io.backstop.diagnosis.chain.FallbackChain;
import io.backstop.diagnosis.chain.ModelClient;
import io.backstop.diagnosis.chain.TargetHealth;
import io.backstop.diagnosis.llm.SpringAiModelClient;
import io.backstop.events.DiagnosisProposed;
import io.backstop.events.diagnosis.ModelTier;
import io.backstop.events.fixtures.Signals;
import io.backstop.modelsim.ModelSimulator;
import io.backstop.modelsim.SimulatorConfig;
import io.backstop.scenario.ScenarioLoader;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;

/**
 * Measures one diagnosis end to end (prompt, HTTP to the model simulator on loopback, strict parse,
 * proposal sealed) for three paths: the primary answers; the primary returns 500 twice and the
 * first fallback answers; no gateway, the offline analyzer answers. Prints p50, p95 and max.
 *
 * <p>Run: {@code ./mvnw -pl diagnosis-service test-compile exec:java
 * -Dexec.mainClass=io.backstop.diagnosis.bench.ChainLatencyHarness -Dexec.classpathScope=test}
 * (optional argument: iterations, default 200).
 */
public final class ChainLatencyHarness {

  private static final ChainSettings SETTINGS =
      new ChainSettings(
          2, Duration.ZERO, Duration.ofSeconds(2), Duration.ofMinutes(5), 1000, 1000, 100f, 10);

  private ChainLatencyHarness() {}

  public static void main(String[] args) {
    int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    try (var simulator =
        ModelSimulator.start(ScenarioLoader.loadResource("bad-deploy-hallucinated-sha.yaml"))) {
      Diagnoser withGateway = diagnoser(targets(simulator));
      report("primary answers", iterations, () -> withGateway.diagnose(Signals.badDeploy()));
      simulator.use(ScenarioLoader.loadResource("primary-model-down.yaml"));
      report(
          "primary 500 x2, fallback answers",
          iterations,
          () -> withGateway.diagnose(Signals.badDeploy()));
    }
    Diagnoser offline = diagnoser(List.of());
    report("offline analyzer only", iterations * 10, () -> offline.diagnose(Signals.badDeploy()));
  }

  private static void report(String name, int iterations, Supplier<DiagnosisProposed> run) {
    for (int i = 0; i < Math.min(50, iterations); i++) {
      run.get();
    }
    List<Long> micros = new ArrayList<>();
    String answeredBy = "";
    for (int i = 0; i < iterations; i++) {
      long start = System.nanoTime();
      answeredBy = run.get().answeredBy();
      micros.add((System.nanoTime() - start) / 1000);
    }
    Collections.sort(micros);
    System.out.printf(
        "%-34s n=%-5d answeredBy=%-16s p50=%7.2f ms  p95=%7.2f ms  max=%7.2f ms%n",
        name,
        iterations,
        answeredBy,
        micros.get(micros.size() / 2) / 1000.0,
        micros.get((int) (micros.size() * 0.95)) / 1000.0,
        micros.get(micros.size() - 1) / 1000.0);
  }

  private static Diagnoser diagnoser(List<ModelClient> clients) {
    Clock clock = Clock.systemUTC();
    var chain =
        new FallbackChain(
            SETTINGS,
            new TargetHealth(SETTINGS, clock),
            new OfflineAnalyzer(AnalyzerSettings.defaults()),
            clock);
    return new Diagnoser(chain, clients, CallBudget.of(100, new BigDecimal("1000")), clock);
  }

  private static List<ModelClient> targets(ModelSimulator simulator) {
    var pricing = new Pricing(new BigDecimal("0.003"), new BigDecimal("0.015"));
    List<ModelClient> clients = new ArrayList<>();
    String[] names = {"claude", "llama", "nova", "haiku"};
    for (int i = 0; i < names.length; i++) {
      var tier = i == 0 ? ModelTier.PRIMARY : ModelTier.FALLBACK;
      var spec =
          new TargetSpec(names[i], names[i], tier, i + 1, Duration.ofSeconds(10), pricing, i == 0);
      clients.add(
          SpringAiModelClient.create(
              spec, simulator.baseUrl() + "/v1", SimulatorConfig.DEFAULT_API_KEY));
    }
    return clients;
  }
}
