package io.backstop.executor.check;

import io.backstop.events.ActionApproved;
import io.backstop.stream.Inbound;
import java.util.Optional;

/**
 * Whether an approval was made by the guardrail and reached the executor unchanged: signed with a
 * trusted guardrail key, over the bytes as received, with an intact hash chain. Checked before
 * anything else; an approval that fails is never acted on, never even used to read the cluster.
 */
@FunctionalInterface
public interface ApprovalAuthenticity {

  /**
   * Why the approval is not authentic, or empty when it is; {@code received} carries the bytes as
   * they came and what {@link Inbound} found wrong with their seal.
   */
  Optional<String> forged(Inbound.Received<ActionApproved> received);
}
