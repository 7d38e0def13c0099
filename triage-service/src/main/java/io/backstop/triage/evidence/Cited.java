package io.backstop.triage.evidence;

import io.backstop.events.id.EvidenceId;
import java.util.Optional;

/** An observation and the evidence item that shows it (absent when the budget left it out). */
public record Cited<T>(T value, Optional<EvidenceId> id) {

  public static <T> Cited<T> of(T value, Optional<EvidenceId> id) {
    return new Cited<>(value, id);
  }
}
