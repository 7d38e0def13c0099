package io.backstop.stack;

import io.backstop.sandbox.access.Tokens;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The secrets of one local stack, generated fresh at start and handed to each part that needs one:
 * the sandbox's three tokens (admin for setup and the naive agent, read-only for triage, write for
 * the executor alone), the model gateway key, the guardrail admin token, the ticket server token
 * and the pager routing key; and the guardrail's signing key pair, kept as files under the stack's
 * data directory (the private one 0600). Nothing here is stored in the repository, put on a command
 * line or logged.
 */
public record Credentials(
    Tokens sandbox,
    String gatewayKey,
    String guardrailAdmin,
    String ticketToken,
    String pagerRoutingKey,
    SigningKeyFiles signing) {

  public static Credentials generate(Path home) {
    return new Credentials(
        Tokens.random(),
        "sk-local-" + random(),
        "admin-" + random(),
        "tickets-" + random(),
        "backstop-local",
        SigningKeyFiles.ensure(home));
  }

  @Override
  public String toString() {
    return "Credentials[generated, not shown; signing key " + signing.keyId() + "]";
  }

  private static String random() {
    byte[] bytes = new byte[12];
    new SecureRandom().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }
}
