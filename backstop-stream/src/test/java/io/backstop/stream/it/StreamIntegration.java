package io.backstop.stream.it;

import io.backstop.stream.testing.EmbeddedBackstopKafka;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;

/** The one Spring context and broker all stream integration tests share. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(
    classes = StreamTestApplication.class,
    properties = {
      "spring.application.name=stream-test",
      "spring.main.banner-mode=off",
      "spring.cloud.function.definition=escalateAlert",
      "spring.cloud.stream.bindings.escalateAlert-in-0.destination=backstop.alerts.v1",
      "spring.cloud.stream.bindings.escalateAlert-in-0.group=stream-test"
    })
@EmbeddedBackstopKafka
@interface StreamIntegration {}
