package io.backstop.stream.it;

import io.backstop.stream.testing.EmbeddedBackstopKafka;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;

/** The test hop bound in batch mode: up to 100 records a poll, one transaction for each poll. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(
    classes = StreamTestApplication.class,
    properties = {
      "spring.application.name=stream-batch-test",
      "spring.main.banner-mode=off",
      "spring.cloud.function.definition=escalateAlerts",
      "spring.cloud.stream.bindings.escalateAlerts-in-0.destination=backstop.alerts.v1",
      "spring.cloud.stream.bindings.escalateAlerts-in-0.group=stream-batch-test",
      "spring.cloud.stream.bindings.escalateAlerts-in-0.consumer.batch-mode=true",
      "spring.cloud.stream.bindings.escalateAlerts-in-0.consumer.use-native-decoding=true",
      "spring.cloud.stream.kafka.bindings.escalateAlerts-in-0.consumer.configuration.max.poll.records=100",
      // Linger on the consumer side: a poll waits up to 300 ms for 64 KiB, so records sent
      // together arrive as one batch and the tests see several records share a transaction.
      "spring.cloud.stream.kafka.bindings.escalateAlerts-in-0.consumer.configuration.fetch.min.bytes=65536",
      "spring.cloud.stream.kafka.bindings.escalateAlerts-in-0.consumer.configuration.fetch.max.wait.ms=300"
    })
@EmbeddedBackstopKafka
@interface BatchStreamIntegration {}
