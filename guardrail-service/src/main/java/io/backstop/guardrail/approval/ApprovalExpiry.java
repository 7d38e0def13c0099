package io.backstop.guardrail.approval;

import io.backstop.guardrail.GuardrailProperties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Lapses approvals on time even when no one acts: every {@code approval.sweep-interval} it asks the
 * {@link ApprovalDesk} to expire what is due. It starts after the audit replay (which rebuilt the
 * pending approvals, so an approval that lapsed while the service was down expires at once) and a
 * failed sweep is logged and retried at the next tick, never lost.
 */
@Component
public class ApprovalExpiry implements SmartLifecycle {

  private static final Logger LOG = LoggerFactory.getLogger(ApprovalExpiry.class);

  private final ApprovalDesk desk;
  private final GuardrailProperties properties;
  private final java.util.function.Predicate<String> owned;
  private volatile ScheduledExecutorService timer;

  public ApprovalExpiry(
      ApprovalDesk desk,
      GuardrailProperties properties,
      io.backstop.guardrail.state.Ownership ownership) {
    this.desk = desk;
    this.properties = properties;
    this.owned = ownership::owns;
  }

  /** One sweep, as the timer runs it. */
  public void sweep() {
    try {
      desk.expireDue(owned)
          .forEach(e -> LOG.info("approval lapsed: {} {}", e.incidentId(), e.eventId()));
    } catch (RuntimeException e) {
      LOG.error("approval expiry sweep failed; retrying at the next tick", e);
    }
  }

  @Override
  public void start() {
    long every = properties.approval().sweepInterval().toMillis();
    ScheduledExecutorService t =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread thread = new Thread(r, "approval-expiry");
              thread.setDaemon(true);
              return thread;
            });
    t.scheduleWithFixedDelay(this::sweep, every, every, TimeUnit.MILLISECONDS);
    timer = t;
  }

  @Override
  public void stop() {
    ScheduledExecutorService t = timer;
    timer = null;
    if (t != null) {
      t.shutdownNow();
    }
  }

  @Override
  public boolean isRunning() {
    return timer != null;
  }

  /** After the audit replay (phase 0). */
  @Override
  public int getPhase() {
    return 1;
  }
}
