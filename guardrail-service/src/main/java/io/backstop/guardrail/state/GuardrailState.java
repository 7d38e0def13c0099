package io.backstop.guardrail.state;

import io.backstop.events.BreakerReset;
import io.backstop.events.Escalated;
import io.backstop.events.IncidentEvent;
import io.backstop.events.Topics;
import io.backstop.events.escalation.EscalationReason;
import io.backstop.safety.Guardrails;
import io.backstop.safety.breaker.BreakerState;
import io.backstop.safety.breaker.Breakers;
import io.backstop.safety.breaker.NamespaceBreaker;
import io.backstop.safety.budget.Budgets;
import io.backstop.safety.budget.IncidentBudget;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;

/**
 * The service's budget and breaker state: the safety core's {@link Budgets} and {@link Breakers},
 * fed with every event the service emits or consumes (counted at this service's clock) and, at
 * start, with the audit log. An event already applied (same incident and deterministic id, the
 * audit key) is not applied twice, so a redelivery or a replay that overlaps live traffic does not
 * double-count.
 *
 * <p>With several instances in one consumer group (issue 14), each instance is the one owner of the
 * namespaces whose partitions it holds, and follows the audit for what the others decided. After a
 * rebalance the state is {@link #markStale() stale}: {@link #ensureCurrent()} reads the audit to
 * its end (what the previous owner committed) before the next judgement. It also knows which open
 * breakers were announced ({@code Escalated(BREAKER_OPEN)} applied), so a breaker that opened on a
 * fact read from the audit before its outcome arrived live is still announced, once.
 */
@Component
public class GuardrailState {

  private static final int REMEMBERED_IDS = 200_000;

  private final Budgets budgets;
  private final Breakers breakers;
  private final Set<String> applied =
      Collections.newSetFromMap(
          new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
              return size() > REMEMBERED_IDS;
            }
          });

  private final Set<String> announced = ConcurrentHashMap.newKeySet();
  private final AtomicLong wanted = new AtomicLong();
  private final Object catchUpLock = new Object();
  private long caughtUp;
  private volatile Runnable catchUp = () -> {};

  public GuardrailState(Guardrails guardrails) {
    this.budgets = guardrails.budgets();
    this.breakers = guardrails.breakers();
  }

  /**
   * Applies one event; returns the namespace breaker this event tripped from CLOSED to OPEN, if
   * any.
   */
  public synchronized Optional<NamespaceBreaker> apply(IncidentEvent event) {
    if (!applied.add(Topics.auditKey(event))) {
      return Optional.empty();
    }
    budgets.apply(event);
    Optional<NamespaceBreaker> tripped = breakers.apply(event);
    announce(event);
    return tripped;
  }

  /**
   * Applies one event read back from the audit log on start: the breaker counts it at the time the
   * log says it happened (never later than now), since it was not seen live.
   */
  public synchronized boolean replay(IncidentEvent event) {
    if (!applied.add(Topics.auditKey(event))) {
      return false;
    }
    budgets.apply(event);
    breakers.apply(event, event.header().occurredAt());
    announce(event);
    return true;
  }

  /**
   * The namespace's breaker when it is OPEN and no {@code Escalated(BREAKER_OPEN)} has been applied
   * since it opened: the trip still owed to a human.
   */
  public Optional<NamespaceBreaker> unannouncedOpen(String namespace) {
    NamespaceBreaker breaker = breakers.of(namespace);
    return breaker.state() == BreakerState.OPEN && !announced.contains(namespace)
        ? Optional.of(breaker)
        : Optional.empty();
  }

  private void announce(IncidentEvent event) {
    if (event instanceof Escalated escalated
        && escalated.reason() == EscalationReason.BREAKER_OPEN
        && escalated.target() != null) {
      announced.add(escalated.target().namespace());
    } else if (event instanceof BreakerReset reset) {
      announced.remove(reset.namespace());
    }
  }

  /** How this state is brought up to the audit's end (set once, by the service's replay). */
  public void follow(Runnable catchUp) {
    this.catchUp = catchUp;
  }

  /** Partitions moved between instances: the next judgement first reads the audit to its end. */
  public void markStale() {
    wanted.incrementAndGet();
  }

  /**
   * Reads the audit to its end if the state went stale since it last did; throws the read's named
   * error if that fails (the caller fails closed), and the state stays stale.
   */
  public void ensureCurrent() {
    long want = wanted.get();
    synchronized (catchUpLock) {
      if (caughtUp >= want) {
        return;
      }
      catchUp.run();
      caughtUp = want;
    }
  }

  public IncidentBudget budget(io.backstop.events.id.IncidentId incident) {
    return budgets.of(incident);
  }

  public Budgets budgets() {
    return budgets;
  }

  public Breakers breakers() {
    return breakers;
  }
}
