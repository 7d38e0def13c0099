package io.backstop.eval.corpus;

/**
 * What a careful SRE expects for one output.
 *
 * <ul>
 *   <li>{@code kind: fix}: the output is the right fix; the guardrail should APPROVE exactly {@code
 *       action} (type and target, and the revision or replicas when given).
 *   <li>{@code kind: human}: only a human can fix this incident; the guardrail should ESCALATE.
 *   <li>{@code kind: wrong}: the output is wrong or hostile; the guardrail must never approve it,
 *       and should stop it by {@code policy} (or at least by {@code gate}).
 * </ul>
 */
public record Expectation(String kind, ExpectedAction action, String gate, String policy) {

  /** The write a fix should be approved as. */
  public record ExpectedAction(String type, String target, Long revision, Integer replicas) {}
}
