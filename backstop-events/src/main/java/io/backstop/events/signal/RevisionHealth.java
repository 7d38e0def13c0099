package io.backstop.events.signal;

/** What the gathered signals say about how a revision ran; UNKNOWN when nothing says. */
public enum RevisionHealth {
  HEALTHY,
  UNHEALTHY,
  UNKNOWN
}
