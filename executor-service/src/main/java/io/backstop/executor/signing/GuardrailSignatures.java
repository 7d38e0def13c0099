package io.backstop.executor.signing;

import io.backstop.events.ActionApproved;
import io.backstop.events.IncidentEvent;
import io.backstop.events.signing.SignatureVerifier;
import io.backstop.events.signing.TrustedKeys;
import io.backstop.executor.check.ApprovalAuthenticity;
import io.backstop.stream.Inbound;
import java.util.List;
import java.util.Optional;

/**
 * The executor's check that the guardrail made an event: its Ed25519 signature verifies under one
 * of the configured guardrail public keys, over the bytes as received, and the event's hash chain
 * (its own hash, the hashes of the events embedded in it, the link to its cause) verifies over the
 * same bytes, as {@link Inbound} checks it. Any doubt is a forgery: a missing or unknown signature,
 * bytes that do not verify, a check that throws.
 */
public final class GuardrailSignatures implements ApprovalAuthenticity {

  private final SignatureVerifier verifier;

  public GuardrailSignatures(TrustedKeys keys) {
    this.verifier = new SignatureVerifier(keys);
  }

  /** From the configured keys (PEM text or PEM files); none configured is an error at startup. */
  public static GuardrailSignatures of(List<String> publicKeys) {
    return new GuardrailSignatures(TrustedKeys.fromPemOrFiles(publicKeys));
  }

  @Override
  public Optional<String> forged(Inbound.Received<ActionApproved> received) {
    return problem(received);
  }

  /** Why {@code event} (replayed as {@code bytes}) was not made by the guardrail, if it was not. */
  public Optional<String> problem(IncidentEvent event, byte[] bytes) {
    try {
      return problem(Inbound.check(event, bytes, Inbound.Seal.REQUIRED));
    } catch (RuntimeException e) {
      return Optional.of("its hash chain does not verify (" + e.getMessage() + ")");
    }
  }

  /** Why an event read by {@link Inbound} was not made by the guardrail, if it was not. */
  public Optional<String> problem(Inbound.Received<?> received) {
    try {
      verifier.verify(received.event(), received.bytes());
    } catch (RuntimeException e) {
      return Optional.of("not signed by a trusted guardrail key (" + e.getMessage() + ")");
    }
    return received.breach().map(e -> "its hash chain does not verify (" + e.getMessage() + ")");
  }
}
