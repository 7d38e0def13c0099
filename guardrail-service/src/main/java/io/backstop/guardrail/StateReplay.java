package io.backstop.guardrail;

import io.backstop.events.ActionApproved;
import io.backstop.events.ActionExecuted;
import io.backstop.events.BreakerReset;
import io.backstop.events.DiagnosisRejected;
import io.backstop.events.Escalated;
import io.backstop.events.IncidentEvent;
import io.backstop.events.signing.SignatureVerifier;
import io.backstop.guardrail.approval.ApprovalBook;
import io.backstop.guardrail.state.GuardrailState;
import io.backstop.stream.KafkaClientConfig;
import io.backstop.stream.audit.AuditFollower;
import io.backstop.stream.audit.AuditLog;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Rebuilds budget and breaker state, and the pending approvals, from the compacted audit topic
 * before the consumers start: it runs in lifecycle phase 0, after the topics are provisioned and
 * before the bindings (which start in a late phase). The audit log is the source of truth because
 * every guardrail decision, executor outcome and breaker reset is on it, each under a unique key,
 * so compaction keeps them all. A breaker reset counts only if this guardrail signed it (a record
 * anyone else put on the audit topic cannot reopen writes). A replay that fails stops the start:
 * the service never judges with forgotten state.
 *
 * <p>It then follows the audit: every {@code follow-interval} it reads what was committed since
 * (the facts other instances of the group decided, a breaker reset taken by another instance's
 * admin endpoint), and {@link GuardrailState#ensureCurrent()} makes it read to the end before the
 * first judgement after a rebalance, so an instance that takes over a namespace judges with
 * everything its previous owner committed. Facts already applied live are not applied twice (audit
 * key).
 */
@Component
public class StateReplay implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(StateReplay.class);

  private final GuardrailState state;
  private final ApprovalBook approvals;
  private final GuardrailProperties properties;
  private final KafkaClientConfig client;
  private volatile boolean running;
  private final SignatureVerifier ownSignatures;
  private volatile int replayed;
  private volatile int refusedResets;
  private final AuditFollower follower;
  private volatile ScheduledExecutorService timer;

  public StateReplay(
      GuardrailState state,
      ApprovalBook approvals,
      GuardrailProperties properties,
      SignatureVerifier ownSignatures,
      KafkaClientConfig client) {
    this.state = state;
    this.approvals = approvals;
    this.properties = properties;
    this.ownSignatures = ownSignatures;
    this.client = client;
    this.follower =
        new AuditFollower(
            client,
            properties.replayTimeout(),
            Set.of(
                "DiagnosisRejected",
                "ActionApproved",
                "ActionExecuted",
                "Escalated",
                "BreakerReset",
                "ApprovalRequested",
                "HumanDecision",
                "RequestRefused"));
    state.follow(this::catchUp);
  }

  @Override
  public void start() {
    if (properties.replayOnStart()) {
      int count = catchUp();
      log.info("rebuilt guardrail state from {} audit events", count);
      long every = properties.followInterval().toMillis();
      ScheduledExecutorService t =
          Executors.newSingleThreadScheduledExecutor(
              r -> {
                Thread thread = new Thread(r, "guardrail-audit-follower");
                thread.setDaemon(true);
                return thread;
              });
      t.scheduleWithFixedDelay(this::follow, every, every, TimeUnit.MILLISECONDS);
      timer = t;
    }
    running = true;
  }

  /**
   * Reads the audit from where the last read stopped to its end as of now and applies what it
   * holds; returns how many events changed state. Throws the read's named error.
   */
  public synchronized int catchUp() {
    AuditLog audit = follower.catchUpAll();
    int count = 0;
    int refused = 0;
    for (IncidentEvent event : audit.events()) {
      if (event instanceof BreakerReset reset && !ownSignatures.isSigned(reset)) {
        refused++;
        log.error(
            "audit replay refused breaker reset {} of namespace {}: not signed by this"
                + " guardrail's key",
            reset.eventId(),
            reset.namespace());
      } else if ((relevant(event) || approvalFact(event)) && state.replay(event)) {
        approvals.apply(event);
        count++;
      }
    }
    replayed += count;
    refusedResets += refused;
    if (!audit.unreadable().isEmpty()) {
      log.warn("audit replay skipped {} unreadable records", audit.unreadable().size());
    }
    return count;
  }

  private void follow() {
    try {
      catchUp();
    } catch (RuntimeException e) {
      state.markStale();
      log.warn("following the audit failed; the next judgement reads it first: {}", e.toString());
    }
  }

  /** The events that open, count toward or refuse an approval (besides those of budget state). */
  static boolean approvalFact(IncidentEvent event) {
    return event instanceof io.backstop.events.HumanDecision
        || event instanceof io.backstop.events.RequestRefused;
  }

  /** The events that change budget or breaker state. */
  static boolean relevant(IncidentEvent event) {
    return event instanceof DiagnosisRejected
        || event instanceof ActionApproved
        || event instanceof ActionExecuted
        || event instanceof Escalated
        || event instanceof BreakerReset
        || event instanceof io.backstop.events.ApprovalRequested;
  }

  public int replayed() {
    return replayed;
  }

  /** Breaker resets on the audit log that this guardrail did not sign, refused on replay. */
  public int refusedResets() {
    return refusedResets;
  }

  @Override
  public void stop() {
    ScheduledExecutorService t = timer;
    timer = null;
    if (t != null) {
      t.shutdownNow();
    }
    follower.close();
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
