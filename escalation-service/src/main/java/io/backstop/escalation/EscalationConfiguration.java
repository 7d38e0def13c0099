package io.backstop.escalation;

import io.backstop.escalation.bundle.BundleRenderer;
import io.backstop.escalation.mcp.McpTicketClient;
import io.backstop.escalation.mcp.ToolMapping;
import io.backstop.escalation.messaging.AuditLogHistory;
import io.backstop.escalation.messaging.KafkaDeadLetters;
import io.backstop.escalation.messaging.PendingPagesRecovery;
import io.backstop.escalation.paging.EventsV2Client;
import io.backstop.escalation.paging.PageComposer;
import io.backstop.escalation.paging.PagerEvent;
import io.backstop.stream.EventPublisher;
import io.backstop.stream.KafkaClientConfig;
import io.backstop.stream.audit.AuditLogReader;
import io.backstop.stream.audit.IncidentAuditReader;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.cloud.stream.binder.BinderFactory;
import org.springframework.cloud.stream.binder.kafka.KafkaMessageChannelBinder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.MessageChannel;

/** Wires the escalation service from {@link EscalationProperties}. */
@Configuration(proxyBeanMethods = false)
public class EscalationConfiguration {

  @Bean
  @ConditionalOnMissingBean
  Clock clock() {
    return Clock.systemUTC();
  }

  /** Where the waits between retries of the pager and ticket calls are scheduled. */
  @Bean(destroyMethod = "shutdownNow")
  ScheduledExecutorService outboundRetryScheduler() {
    AtomicInteger threads = new AtomicInteger();
    return Executors.newScheduledThreadPool(
        2,
        task -> {
          Thread thread = new Thread(task, "outbound-retry-" + threads.getAndIncrement());
          thread.setDaemon(true);
          return thread;
        });
  }

  @Bean
  EventsV2Client eventsV2Client(
      EscalationProperties props, ScheduledExecutorService outboundRetryScheduler, Clock clock) {
    var pager = props.pager();
    return new EventsV2Client(
        pager.url(), pager.requestTimeout(), pager.retry().retries(outboundRetryScheduler), clock);
  }

  @Bean(destroyMethod = "close")
  McpTicketClient mcpTicketClient(
      EscalationProperties props, ScheduledExecutorService outboundRetryScheduler) {
    var ticket = props.ticket();
    return new McpTicketClient(
        ticket.url(),
        ticket.token(),
        ticket.requestTimeout(),
        mapping(ticket),
        ticket.retry().retries(outboundRetryScheduler));
  }

  static ToolMapping mapping(EscalationProperties.Ticket ticket) {
    Map<String, Object> statics = new LinkedHashMap<>(ticket.staticArguments());
    return new ToolMapping(
        ticket.createTool(),
        ticket.updateTool(),
        ticket.createArguments().isEmpty()
            ? ToolMapping.local().createArguments()
            : ticket.createArguments(),
        ticket.updateArguments().isEmpty()
            ? ToolMapping.local().updateArguments()
            : ticket.updateArguments(),
        statics,
        ticket.refField());
  }

  @Bean(destroyMethod = "close")
  AuditLogHistory auditLogHistory(EscalationProperties props, KafkaClientConfig kafka) {
    return new AuditLogHistory(new IncidentAuditReader(kafka, props.auditReadTimeout()));
  }

  @Bean
  KafkaDeadLetters kafkaDeadLetters(BinderFactory binders) {
    var binder = (KafkaMessageChannelBinder) binders.getBinder(null, MessageChannel.class);
    return new KafkaDeadLetters(binder.getTransactionalProducerFactory());
  }

  /** Pages owed, retried off the consumer thread; rebuilt from the audit log on start. */
  @Bean(destroyMethod = "close")
  PageRetries pageRetries(EscalationProperties props) {
    var retry = props.pager().backgroundRetry();
    return new PageRetries(retry.initialBackoff(), retry.maxBackoff());
  }

  @Bean
  PendingPagesRecovery pendingPagesRecovery(
      EscalationProperties props, PageRetries pages, KafkaClientConfig kafka) {
    return new PendingPagesRecovery(new AuditLogReader(kafka, props.auditReadTimeout()), pages);
  }

  /** Deliveries per incident, bounded; its size and what it forgot are gauges. */
  @Bean
  DeliveryLedger deliveryLedger(
      EscalationProperties props, ObjectProvider<MeterRegistry> registry) {
    DeliveryLedger ledger = new DeliveryLedger(props.ledgerMaxIncidents());
    registry.ifAvailable(
        r -> {
          Gauge.builder("backstop.escalation.ledger.incidents", ledger, DeliveryLedger::size)
              .description("Incidents whose deliveries the escalation service keeps in memory")
              .register(r);
          FunctionCounter.builder(
                  "backstop.escalation.ledger.forgotten", ledger, DeliveryLedger::forgotten)
              .description(
                  "Incidents forgotten to stay within ledger-max-incidents (read back from the"
                      + " audit log when handled again)")
              .register(r);
        });
    return ledger;
  }

  @Bean
  Escalator escalator(
      EscalationProperties props,
      IncidentHistory history,
      EventsV2Client pager,
      McpTicketClient tickets,
      DeliveryLedger ledger,
      DeadLetters deadLetters,
      EventPublisher publisher,
      PageRetries pages,
      Clock clock) {
    var links =
        props.pager().links().stream().map(l -> new PagerEvent.Link(l.href(), l.text())).toList();
    var console = props.console().publicUrl();
    var composer =
        new PageComposer(props.pager().routingKey(), props.pager().source(), links, console);
    return new Escalator(
        new Collaborators(
            history,
            new BundleRenderer(console == null ? "" : console.toString()),
            composer,
            pager,
            tickets,
            ledger,
            deadLetters,
            publisher,
            props.ticket().labels(),
            clock,
            pages));
  }
}
