package io.backstop.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.backstop.events.diagnosis.ModelTier;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;

/** Binds and validates the typed configuration, without the rest of the service. */
class DiagnosisPropertiesTest {

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
          .withUserConfiguration(Enable.class);

  @EnableConfigurationProperties(DiagnosisProperties.class)
  static class Enable {}

  @Test
  void hasNoTargetsAndSafeDefaultsWhenNothingIsConfigured() {
    runner.run(
        context -> {
          DiagnosisProperties p = context.getBean(DiagnosisProperties.class);
          assertThat(p.targets()).isEmpty();
          assertThat(p.chain().openFor()).isEqualTo(Duration.ofMinutes(5));
          assertThat(p.chain().maxAttempts()).isEqualTo(2);
          assertThat(p.budget().maxCallsPerIncident()).isEqualTo(8);
          assertThat(p.gateway().apiKeyEnv()).isEqualTo("BACKSTOP_GATEWAY_API_KEY");
        });
  }

  @Test
  void bindsATargetWithItsPricesAndTier() {
    runner
        .withPropertyValues(
            "backstop.diagnosis.targets[0].name=claude",
            "backstop.diagnosis.targets[0].model=anthropic/claude",
            "backstop.diagnosis.targets[0].tier=PRIMARY",
            "backstop.diagnosis.targets[0].priority=1",
            "backstop.diagnosis.targets[0].input-price-per1k=0.003",
            "backstop.diagnosis.targets[0].output-price-per1k=0.015")
        .run(
            context -> {
              var target = context.getBean(DiagnosisProperties.class).targets().get(0);
              assertThat(target.tier()).isEqualTo(ModelTier.PRIMARY);
              assertThat(target.timeout()).isEqualTo(Duration.ofSeconds(20));
              assertThat(Targets.spec(target).pricing().cost(1000, 1000))
                  .isEqualByComparingTo("0.018");
            });
  }

  @Test
  void refusesABadValueNamingIt() {
    runner
        .withPropertyValues("backstop.diagnosis.budget.max-calls-per-incident=0")
        .run(
            context ->
                assertThat(context.getStartupFailure())
                    .rootCause()
                    .hasMessageContaining("maxCallsPerIncident must be >= 1, but was 0"));
  }

  @Test
  void refusesATargetOnTheOfflineTier() {
    runner
        .withPropertyValues(
            "backstop.diagnosis.targets[0].name=rules",
            "backstop.diagnosis.targets[0].model=x",
            "backstop.diagnosis.targets[0].tier=OFFLINE",
            "backstop.diagnosis.targets[0].input-price-per1k=0",
            "backstop.diagnosis.targets[0].output-price-per1k=0")
        .run(
            context ->
                assertThat(context.getStartupFailure())
                    .rootCause()
                    .hasMessageContaining("target 'rules' has tier OFFLINE"));
  }

  @Test
  void refusesAGatewayUrlThatIsNotHttpNamingIt() {
    runner
        .withPropertyValues("backstop.diagnosis.gateway.base-url=127.0.0.1:8089/v1")
        .run(
            context ->
                assertThat(context.getStartupFailure())
                    .rootCause()
                    .hasMessageContaining("gateway.baseUrl must be an http(s) URL")
                    .hasMessageContaining("'127.0.0.1:8089/v1'"));
  }

  @Test
  void theShippedConfigurationHasTheDefaultChainAndNoGatewayUnlessOneIsSet() {
    runner
        .withInitializer(new ConfigDataApplicationContextInitializer())
        .withSystemProperties("BACKSTOP_GATEWAY_URL=")
        .run(
            context -> {
              DiagnosisProperties p = context.getBean(DiagnosisProperties.class);
              assertThat(p.targets())
                  .extracting(DiagnosisProperties.Target::name, DiagnosisProperties.Target::tier)
                  .containsExactly(
                      tuple("claude", ModelTier.PRIMARY),
                      tuple("llama", ModelTier.FALLBACK),
                      tuple("nova", ModelTier.FALLBACK),
                      tuple("haiku", ModelTier.FALLBACK),
                      tuple("opus", ModelTier.STRONG));
              assertThat(p.targets().get(0).inputPricePer1k()).isEqualByComparingTo("0.003");
              assertThat(p.targets().get(0).structuredOutput()).isTrue();
              assertThat(p.chain().openFor()).isEqualTo(Duration.ofMinutes(5));
              assertThat(Targets.clients(p, name -> null)).isEmpty();
            });
  }
}
