package io.backstop.executor;

import io.backstop.executor.check.WriteBreaker;
import io.backstop.executor.kubernetes.DeploymentWriter;
import io.backstop.executor.kubernetes.KubernetesClients;
import io.backstop.executor.kubernetes.KubernetesLiveState;
import io.backstop.executor.ledger.KafkaLedger;
import io.backstop.executor.ledger.ReplayingBreaker;
import io.backstop.executor.prometheus.PrometheusErrorSignal;
import io.backstop.executor.review.SafetyBreaker;
import io.backstop.executor.review.SafetyRecheck;
import io.backstop.executor.signing.GuardrailSignatures;
import io.backstop.executor.verify.ErrorSignal;
import io.backstop.executor.verify.RolloutJudge;
import io.backstop.executor.verify.RolloutVerifier;
import io.backstop.safety.Guardrails;
import io.backstop.stream.KafkaClientConfig;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.cloud.stream.binder.BinderFactory;
import org.springframework.cloud.stream.binder.kafka.KafkaMessageChannelBinder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.MessageChannel;

/** Wires the execution flow to its adapters: fabric8, backstop-safety, Kafka and Prometheus. */
@Configuration(proxyBeanMethods = false)
class ExecutorConfiguration {

  @Bean
  @ConditionalOnMissingBean
  Clock clock() {
    return Clock.systemUTC();
  }

  @Bean(destroyMethod = "close")
  KubernetesClient executorKubernetesClient(ExecutorProperties properties) {
    return KubernetesClients.create(properties.kubernetes());
  }

  @Bean
  Guardrails guardrails(ExecutorProperties properties, Clock clock) {
    Optional<Path> file =
        Optional.ofNullable(properties.policyFile()).filter(f -> !f.isBlank()).map(Path::of);
    return Guardrails.load(file, clock);
  }

  /** Final ledger entries join the consumer's transaction through the binder's producers. */
  @Bean(destroyMethod = "close")
  KafkaLedger actionLedger(
      ExecutorProperties properties, BinderFactory binders, KafkaClientConfig client) {
    var binder = (KafkaMessageChannelBinder) binders.getBinder(null, MessageChannel.class);
    return new KafkaLedger(
        properties.ledger(),
        binder.getTransactionalProducerFactory(),
        KafkaClientConfig.of(properties.ledger().bootstrapServers(), client.security()));
  }

  /** backstop-safety's breaker, rebuilt from Kafka on first use. */
  @Bean
  WriteBreaker writeBreaker(
      Guardrails guardrails,
      KafkaLedger ledger,
      ExecutorProperties properties,
      GuardrailSignatures signatures,
      Clock clock) {
    return new ReplayingBreaker(
        new SafetyBreaker(guardrails.breakers(), clock),
        ledger,
        properties.ledger(),
        signatures,
        ledger.client());
  }

  /** The guardrail's public keys; none configured stops the start (nothing could be verified). */
  @Bean
  GuardrailSignatures guardrailSignatures(ExecutorProperties properties) {
    return GuardrailSignatures.of(properties.guardrailPublicKeys());
  }

  @Bean
  ApprovalExecutor approvalExecutor(
      ExecutorProperties properties,
      GuardrailSignatures signatures,
      KubernetesClient client,
      Guardrails guardrails,
      WriteBreaker breaker,
      KafkaLedger ledger,
      Clock clock) {
    KubernetesLiveState cluster = new KubernetesLiveState(client);
    ErrorSignal errors =
        properties.prometheus().configured()
            ? new PrometheusErrorSignal(properties.prometheus())
            : ErrorSignal.NONE;
    RolloutVerifier verifier =
        new RolloutVerifier(
            cluster,
            errors,
            new RolloutJudge(properties.prometheus().errorRatioThreshold()),
            properties.verification(),
            clock,
            d -> Thread.sleep(d.toMillis()));
    return new ApprovalExecutor(
        properties,
        signatures,
        cluster,
        new DeploymentWriter(client),
        ledger,
        new SafetyRecheck(guardrails.actionGate(), guardrails.book()),
        breaker,
        verifier,
        clock);
  }
}
