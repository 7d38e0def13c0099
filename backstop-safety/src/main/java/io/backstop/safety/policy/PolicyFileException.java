package io.backstop.safety.policy;

/**
 * The policy file cannot be used: unreadable, malformed, a bad threshold, or a policy whose
 * expression does not compile (the message names the policy id and the CEL error). Safety
 * rationale: the gates refuse to exist on a bad file, so the service fails to start rather than run
 * with a rule silently missing.
 */
public final class PolicyFileException extends RuntimeException {

  private final String origin;

  public PolicyFileException(String origin, String message, Throwable cause) {
    super("policy file " + origin + ": " + message, cause);
    this.origin = origin;
  }

  public PolicyFileException(String origin, String message) {
    this(origin, message, null);
  }

  public String origin() {
    return origin;
  }
}
