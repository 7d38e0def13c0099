package io.backstop.guardrail.it;

import io.backstop.events.fixtures.Keys;
import io.backstop.stream.testing.EmbeddedBackstopKafka;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/** The one Spring context and broker every guardrail integration test shares. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.main.banner-mode=off",
      "backstop.guardrail.admin-token=" + GuardrailIntegration.ADMIN_TOKEN,
      "backstop.guardrail.signing.private-key=" + Keys.GUARDRAIL_PRIVATE_PEM_ONE_LINE
    })
@EmbeddedBackstopKafka
@Import(FixedClockConfiguration.class)
@interface GuardrailIntegration {
  String ADMIN_TOKEN = "test-admin-token-0123456789";
}
