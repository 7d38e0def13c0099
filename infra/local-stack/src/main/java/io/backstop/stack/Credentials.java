package io.backstop.stack;

import io.backstop.localkafka.OwnerOnly;
import io.backstop.sandbox.access.Tokens;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The secrets of one local stack, generated fresh at start and handed to each part that needs one:
 * the sandbox's three tokens (admin for setup and the naive agent, read-only for triage, write for
 * the executor alone), the model gateway key, the guardrail admin token, the ticket server token
 * and the pager routing key; the console's local users and API tokens; and the guardrail's signing
 * key pair, kept as files under the stack's data directory (the private one 0600). Nothing here is
 * stored in the repository, put on a command line or logged.
 */
public record Credentials(
    Tokens sandbox,
    String gatewayKey,
    String guardrailAdmin,
    String ticketToken,
    String pagerRoutingKey,
    SigningKeyFiles signing,
    Path adminTokenFile,
    ConsoleAccess console) {

  public static Credentials generate(Path home) {
    String admin = "admin-" + random();
    Path adminFile = home.resolve("keys").resolve("guardrail-admin.token");
    try {
      OwnerOnly.write(adminFile, admin + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the guardrail admin token to " + adminFile, e);
    }
    return new Credentials(
        Tokens.random(),
        "sk-local-" + random(),
        admin,
        "tickets-" + random(),
        "backstop-local",
        SigningKeyFiles.ensure(home),
        adminFile,
        ConsoleAccess.generate());
  }

  /** Every secret value of this stack, for checks that none of them turns up where it must not. */
  public java.util.List<String> secretValues() {
    return java.util.List.of(
        sandbox.admin(),
        sandbox.readOnly(),
        sandbox.executor(),
        gatewayKey,
        guardrailAdmin,
        ticketToken);
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
