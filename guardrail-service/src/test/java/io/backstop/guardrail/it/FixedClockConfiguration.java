package io.backstop.guardrail.it;

import io.backstop.events.fixtures.Fixtures;
import java.time.Clock;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** The fixtures' fixed clock, so breaker windows line up with the mothers' event times. */
@TestConfiguration(proxyBeanMethods = false)
class FixedClockConfiguration {

  @Bean
  @Primary
  Clock fixedClock() {
    return Fixtures.CLOCK;
  }
}
