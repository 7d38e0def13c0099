package io.backstop.stream.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.kafka.test.context.EmbeddedKafka;

/**
 * One embedded KRaft broker (the only mode of spring-kafka-test 4, which has no {@code kraft} flag)
 * for a service {@code *IntegrationTest}, set up for transactions (state log replication 1) and
 * with broker-side topic auto-creation off, so every topic must come from the service's own
 * provisioning ({@code backstop-stream} creates all of {@code Topics.all()} at startup). The
 * broker's address is put in {@code spring.kafka.bootstrap-servers}, which the binder defaults of
 * {@code backstop-stream} read; fixed ports are ignored by {@code @EmbeddedKafka}.
 *
 * <p>Usage in a service (put it on a shared meta-annotation or base class so every integration test
 * of the service shares one Spring context and one broker):
 *
 * <pre>{@code
 * @SpringBootTest
 * @EmbeddedBackstopKafka
 * class ReviewProposalIntegrationTest {
 *   @Value("${spring.kafka.bootstrap-servers}") String bootstrap;
 *
 *   @Test
 *   void approvesAGroundedRollback() {
 *     try (var probe = TopicProbe.connect(bootstrap)) {
 *       probe.send(Topics.DIAGNOSES, Diagnoses.honestRollback());
 *       List<IncidentEvent> out = probe.awaitEvents(Topics.ACTIONS, 1, Duration.ofSeconds(30));
 *       assertThat(out.get(0)).isInstanceOf(ActionApproved.class);
 *     }
 *   }
 * }
 * }</pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@EmbeddedKafka(
    count = 1,
    partitions = 3,
    bootstrapServersProperty = "spring.kafka.bootstrap-servers",
    brokerProperties = {
      "transaction.state.log.replication.factor=1",
      "transaction.state.log.min.isr=1",
      "offsets.topic.replication.factor=1",
      "auto.create.topics.enable=false",
      "group.initial.rebalance.delay.ms=0",
      // A transaction past its transaction.timeout.ms is aborted within half a second, not ten:
      // tests that hold one open too long fail fast, as production would under load.
      "transaction.abort.timed.out.transaction.cleanup.interval.ms=500"
    })
public @interface EmbeddedBackstopKafka {}
