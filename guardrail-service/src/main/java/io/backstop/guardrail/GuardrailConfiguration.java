package io.backstop.guardrail;

import io.backstop.safety.Guardrails;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Builds the safety core from the policy file. A bad file (a policy that does not compile, a
 * threshold out of range) throws here, and the service does not start.
 */
@Configuration(proxyBeanMethods = false)
public class GuardrailConfiguration {

  @Bean
  @ConditionalOnMissingBean
  Clock clock() {
    return Clock.systemUTC();
  }

  @Bean
  Guardrails guardrails(GuardrailProperties properties, Clock clock) {
    Optional<Path> file =
        Optional.ofNullable(properties.policyFile()).filter(p -> !p.isBlank()).map(Path::of);
    return Guardrails.load(file, clock);
  }
}
