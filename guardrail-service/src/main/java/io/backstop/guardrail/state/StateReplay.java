package io.backstop.guardrail.state;

import io.backstop.events.ActionApproved;
import io.backstop.events.ActionExecuted;
import io.backstop.events.BreakerReset;
import io.backstop.events.DiagnosisRejected;
import io.backstop.events.Escalated;
import io.backstop.events.IncidentEvent;
import io.backstop.guardrail.GuardrailProperties;
import io.backstop.stream.audit.AuditLog;
import io.backstop.stream.audit.AuditLogReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Rebuilds budget and breaker state from the compacted audit topic before the consumers start: it
 * runs in lifecycle phase 0, after the topics are provisioned and before the bindings (which start
 * in a late phase). The audit log is the source of truth because every guardrail decision, executor
 * outcome and breaker reset is on it, each under a unique key, so compaction keeps them all. A
 * replay that fails stops the start: the service never judges with forgotten state.
 */
@Component
public class StateReplay implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(StateReplay.class);

  private final GuardrailState state;
  private final GuardrailProperties properties;
  private final String bootstrapServers;
  private volatile boolean running;
  private volatile int replayed;

  public StateReplay(
      GuardrailState state,
      GuardrailProperties properties,
      @Value("${spring.kafka.bootstrap-servers:localhost:9092}") String bootstrapServers) {
    this.state = state;
    this.properties = properties;
    this.bootstrapServers = bootstrapServers;
  }

  @Override
  public void start() {
    if (properties.replayOnStart()) {
      AuditLog audit = new AuditLogReader(bootstrapServers, properties.replayTimeout()).readAll();
      int count = 0;
      for (IncidentEvent event : audit.events()) {
        if (relevant(event)) {
          state.apply(event);
          count++;
        }
      }
      replayed = count;
      if (!audit.unreadable().isEmpty()) {
        log.warn("audit replay skipped {} unreadable records", audit.unreadable().size());
      }
      log.info("rebuilt guardrail state from {} audit events", count);
    }
    running = true;
  }

  /** The events that change budget or breaker state. */
  static boolean relevant(IncidentEvent event) {
    return event instanceof DiagnosisRejected
        || event instanceof ActionApproved
        || event instanceof ActionExecuted
        || event instanceof Escalated
        || event instanceof BreakerReset;
  }

  public int replayed() {
    return replayed;
  }

  @Override
  public void stop() {
    running = false;
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public int getPhase() {
    return 0;
  }
}
