package io.backstop.events;

/**
 * An on-call reset the global write breaker of a namespace. Audited like everything else; its
 * incident id names the breaker ({@code breaker.<namespace>}), since a reset belongs to no alert.
 */
public record BreakerReset(EventHeader header, String namespace, String operator, String reason)
    implements IncidentEvent {

  public BreakerReset {
    Require.present(header, "header");
    Require.text(namespace, "namespace");
    Require.text(operator, "operator");
    Require.text(reason, "reason");
  }

  @Override
  public BreakerReset withHeader(EventHeader newHeader) {
    return new BreakerReset(newHeader, namespace, operator, reason);
  }
}
