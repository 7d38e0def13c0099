package io.backstop.safety.review;

import io.backstop.safety.breaker.BreakerState;
import io.backstop.safety.breaker.Breakers;
import io.backstop.safety.breaker.NamespaceBreaker;
import io.backstop.safety.verdict.Gate;
import io.backstop.safety.verdict.GateResult;
import io.backstop.safety.verdict.Verdict;
import java.util.List;

/** The breaker gate: may one more automated write go ahead in the namespace? */
final class BreakerVerdicts {

  static final String ID = "breaker.namespace";

  private BreakerVerdicts() {}

  static GateResult of(Breakers breakers, String namespace) {
    NamespaceBreaker breaker = breakers.of(namespace);
    if (breakers.allowsWrite(namespace)) {
      return new GateResult(
          Gate.BREAKER, List.of(Verdict.allow(ID, "breaker for '" + namespace + "' is closed")));
    }
    String why =
        breaker.state() == BreakerState.OPEN
            ? "breaker for '"
                + namespace
                + "' is open since "
                + breaker.openedAt()
                + ": "
                + breaker.openReason()
            : "write limit reached in '"
                + namespace
                + "': "
                + breaker.writes().size()
                + " writes within "
                + breakers.settings().window()
                + " (max "
                + breakers.settings().maxWrites()
                + ")";
    return new GateResult(Gate.BREAKER, List.of(Verdict.escalate(ID, why)));
  }
}
