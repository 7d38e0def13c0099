package io.backstop.stack;

import io.backstop.sandbox.access.Tokens;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The secrets of one local stack, generated fresh at start and handed to each part that needs one:
 * the sandbox's three tokens (admin for setup and the naive agent, read-only for triage, write for
 * the executor alone), the model gateway key, the guardrail admin token, the ticket server token
 * and the pager routing key. Nothing here is stored in the repository.
 */
public record Credentials(
    Tokens sandbox,
    String gatewayKey,
    String guardrailAdmin,
    String ticketToken,
    String pagerRoutingKey) {

  public static Credentials generate() {
    return new Credentials(
        Tokens.random(),
        "sk-local-" + random(),
        "admin-" + random(),
        "tickets-" + random(),
        "backstop-local");
  }

  private static String random() {
    byte[] bytes = new byte[12];
    new SecureRandom().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }
}
