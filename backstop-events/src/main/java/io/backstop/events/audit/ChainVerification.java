package io.backstop.events.audit;

import java.util.Optional;

/** The result of verifying one incident's hash chain: intact, or the first event that breaks it. */
public record ChainVerification(int eventsChecked, Optional<ChainBreak> firstBreak) {

  public ChainVerification {
    firstBreak = firstBreak == null ? Optional.empty() : firstBreak;
  }

  public static ChainVerification intact(int eventsChecked) {
    return new ChainVerification(eventsChecked, Optional.empty());
  }

  public static ChainVerification broken(int eventsChecked, ChainBreak first) {
    return new ChainVerification(eventsChecked, Optional.of(first));
  }

  public boolean isIntact() {
    return firstBreak.isEmpty();
  }
}
