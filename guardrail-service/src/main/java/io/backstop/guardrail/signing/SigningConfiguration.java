package io.backstop.guardrail.signing;

import io.backstop.events.signing.EventSigner;
import io.backstop.events.signing.SignatureVerifier;
import io.backstop.events.signing.SigningKey;
import io.backstop.guardrail.GuardrailProperties;
import io.backstop.stream.EventPublisher;
import io.backstop.stream.publish.KafkaEventPublisher;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.cloud.stream.binder.BinderFactory;
import org.springframework.cloud.stream.binder.kafka.KafkaMessageChannelBinder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.MessageChannel;

/**
 * The guardrail's key, the verifier of its own earlier signatures (replay), and the service's one
 * publisher: backstop-stream's transactional one, signing every ActionApproved and BreakerReset on
 * the way out.
 */
@Configuration(proxyBeanMethods = false)
public class SigningConfiguration {

  @Bean
  SigningKey guardrailSigningKey(GuardrailProperties properties) {
    return SigningKeys.load(properties.signing());
  }

  @Bean
  SignatureVerifier ownSignatures(SigningKey key, GuardrailProperties properties) {
    return SigningKeys.ownSignatures(key, properties.signing());
  }

  @Bean
  EventPublisher eventPublisher(
      BinderFactory binders,
      SigningKey key,
      @Value("${spring.application.name:guardrail-service}") String service) {
    var binder = (KafkaMessageChannelBinder) binders.getBinder(null, MessageChannel.class);
    return new SigningEventPublisher(
        new KafkaEventPublisher(binder.getTransactionalProducerFactory(), service),
        new EventSigner(key));
  }
}
