package io.backstop.escalation.bundle;

import io.backstop.events.audit.ChainVerification;
import io.backstop.events.audit.Timeline;
import java.util.List;

/**
 * Whether an incident's events still hold together, as the shared {@code ChainVerifier} of {@code
 * backstop-events} says: every event sealed and intact, every parent hash matching a stored version
 * of its cause. An empty record verifies nothing, so it is not "verified" either.
 */
public record ChainCheck(boolean verified, int events, List<String> problems) {

  public ChainCheck {
    problems = List.copyOf(problems);
  }

  public static ChainCheck of(Timeline timeline) {
    ChainVerification verification = timeline.verify();
    List<String> problems =
        verification.firstBreak().map(b -> List.of(b.toString())).orElse(List.of());
    boolean verified = verification.isIntact() && !timeline.events().isEmpty();
    return new ChainCheck(verified, timeline.events().size(), problems);
  }
}
