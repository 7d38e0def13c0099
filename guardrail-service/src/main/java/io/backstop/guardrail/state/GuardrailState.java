package io.backstop.guardrail.state;

import io.backstop.events.IncidentEvent;
import io.backstop.events.Topics;
import io.backstop.safety.Guardrails;
import io.backstop.safety.breaker.Breakers;
import io.backstop.safety.breaker.NamespaceBreaker;
import io.backstop.safety.budget.Budgets;
import io.backstop.safety.budget.IncidentBudget;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The service's budget and breaker state: the safety core's {@link Budgets} and {@link Breakers},
 * fed with every event the service emits or consumes (counted at this service's clock) and, at
 * start, with the audit log. An event already applied (same incident and deterministic id, the
 * audit key) is not applied twice, so a redelivery or a replay that overlaps live traffic does not
 * double-count.
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
    return breakers.apply(event);
  }

  /**
   * Applies one event read back from the audit log on start: the breaker counts it at the time the
   * log says it happened (never later than now), since it was not seen live.
   */
  public synchronized void replay(IncidentEvent event) {
    if (!applied.add(Topics.auditKey(event))) {
      return;
    }
    budgets.apply(event);
    breakers.apply(event, event.header().occurredAt());
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
