package io.backstop.scenario;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;

/**
 * What goes wrong and when. A {@link Kind#ROLLOUT} fault is the target deployment's last revision:
 * it becomes current {@code after} the start (at once when zero: the bad revision is already
 * current). A {@link Kind#CONDITION} fault makes the deployment behave as {@code profile} from
 * {@code after}, whatever image it runs (a leak, a load surge, a revoked credential).
 */
public record Fault(
    Kind kind,
    String namespace,
    String deployment,
    Duration after,
    HealthProfile profile,
    String summary) {

  public Fault {
    after = after == null ? Duration.ZERO : after;
  }

  /** Whether the faulty state is already in place when the scenario starts. */
  public boolean presentAtStart() {
    return after.isZero();
  }

  /** The two ways a fault happens. */
  public enum Kind {
    @JsonProperty("rollout")
    ROLLOUT,
    @JsonProperty("condition")
    CONDITION
  }
}
