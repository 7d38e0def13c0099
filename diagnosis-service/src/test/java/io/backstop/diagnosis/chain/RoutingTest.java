package io.backstop.diagnosis.chain;

import static org.assertj.core.api.Assertions.assertThat;

import io.backstop.diagnosis.Pricing;
import io.backstop.diagnosis.TargetSpec;
import io.backstop.diagnosis.prompt.DiagnosisPrompt;
import io.backstop.events.diagnosis.ModelTier;
import io.backstop.events.fixtures.Fixtures;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RoutingTest {

  private final TargetHealth health = new TargetHealth(ChainSettings.defaults(), Fixtures.CLOCK);

  @Test
  void triesLowerPriorityNumbersFirstWhateverTheirLatency() {
    health.latency("claude").record(9000);
    health.latency("llama").record(10);

    assertThat(names(Routing.order(List.of(target("llama", 2), target("claude", 1)), health)))
        .containsExactly("claude", "llama");
  }

  @Test
  void prefersTheLowerMovingAverageAmongEqualPriorities() {
    health.latency("a").record(900);
    health.latency("a").record(700);
    health.latency("b").record(100);
    health.latency("b").record(1300);

    assertThat(names(Routing.order(List.of(target("a", 1), target("b", 1)), health)))
        .containsExactly("b", "a");
  }

  @Test
  void measuresATargetNotYetTriedBeforeTheMeasuredOnes() {
    health.latency("a").record(50);

    assertThat(names(Routing.order(List.of(target("a", 1), target("b", 1)), health)))
        .containsExactly("b", "a");
  }

  @Test
  void putsATargetWithAnOpenBreakerBehindTheHealthyOnesOfItsPriority() {
    var breaker = health.breaker("a");
    for (int i = 0; i < 4; i++) {
      breaker.onError(1, TimeUnit.MILLISECONDS, new IllegalStateException("boom"));
    }
    health.latency("b").record(5000);

    assertThat(health.open("a")).isTrue();
    assertThat(names(Routing.order(List.of(target("a", 1), target("b", 1)), health)))
        .containsExactly("b", "a");
  }

  @Test
  void averagesOnlyTheMostRecentWindow() {
    var window = new LatencyWindow(2);
    window.record(1000);
    window.record(10);
    window.record(30);

    assertThat(window.average()).hasValue(20.0);
  }

  private static List<String> names(List<ModelClient> clients) {
    return clients.stream().map(c -> c.target().name()).toList();
  }

  private static ModelClient target(String name, int priority) {
    var spec =
        new TargetSpec(
            name, name, ModelTier.PRIMARY, priority, Duration.ofSeconds(1), Pricing.FREE, false);
    return new ModelClient() {
      @Override
      public TargetSpec target() {
        return spec;
      }

      @Override
      public RawAnswer complete(DiagnosisPrompt prompt) {
        throw new UnsupportedOperationException("routing never calls a target");
      }
    };
  }
}
