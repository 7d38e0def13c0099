package io.backstop.diagnosis;

import io.backstop.diagnosis.analyzer.AnalyzerSettings;
import io.backstop.diagnosis.analyzer.OfflineAnalyzer;
import io.backstop.diagnosis.chain.CallBudget;
import io.backstop.diagnosis.chain.ChainSettings;
import io.backstop.diagnosis.chain.FallbackChain;
import io.backstop.diagnosis.chain.TargetHealth;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** Wires the pure diagnosis code from the typed properties. */
@Configuration(proxyBeanMethods = false)
public class DiagnosisConfiguration {

  @Bean
  @ConditionalOnMissingBean
  Clock clock() {
    return Clock.systemUTC();
  }

  @Bean
  ChainSettings chainSettings(DiagnosisProperties properties) {
    var c = properties.chain();
    return new ChainSettings(
        c.maxAttempts(),
        c.backoff(),
        c.maxRetryAfter(),
        c.openFor(),
        c.breakerWindow(),
        c.breakerMinimumCalls(),
        c.failureRatePercent(),
        c.latencyWindow());
  }

  @Bean
  TargetHealth targetHealth(ChainSettings settings, Clock clock) {
    return new TargetHealth(settings, clock);
  }

  @Bean
  OfflineAnalyzer offlineAnalyzer(DiagnosisProperties properties) {
    var a = properties.analyzer();
    return new OfflineAnalyzer(
        new AnalyzerSettings(a.recentDeploy(), a.scaleUpPercent(), a.maxReplicas()));
  }

  @Bean
  FallbackChain fallbackChain(
      ChainSettings settings, TargetHealth health, OfflineAnalyzer analyzer, Clock clock) {
    return new FallbackChain(settings, health, analyzer, clock);
  }

  @Bean
  Diagnoser diagnoser(
      FallbackChain chain, DiagnosisProperties properties, Environment environment, Clock clock) {
    var b = properties.budget();
    // The key is looked up by the name of its environment variable; Spring's Environment holds
    // the process environment, and lets the one-JVM local stack hand each context its own key.
    return new Diagnoser(
        chain,
        Targets.clients(properties, environment::getProperty),
        CallBudget.of(b.maxCallsPerIncident(), b.maxCostPerIncidentUsd()),
        clock);
  }
}
