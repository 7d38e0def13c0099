package io.backstop.stack;

import io.backstop.events.signing.SigningKey;
import io.backstop.localkafka.OwnerOnly;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The guardrail's signing key pair of one local stack, under its data directory: {@code
 * keys/guardrail-signing.pem} (the private key, created 0600 in a 0700 directory, never readable by
 * anyone else for an instant) and {@code keys/guardrail-signing.pub.pem}. Kept across restarts of
 * the same home, so the guardrail can verify its own earlier signatures on the audit log; made when
 * absent. A private key file others can read is tightened to 0600 before use.
 */
public record SigningKeyFiles(Path privateKey, Path publicKey, String keyId) {

  public static SigningKeyFiles ensure(Path home) {
    Path dir = home.resolve("keys");
    Path privateKey = dir.resolve("guardrail-signing.pem");
    Path publicKey = dir.resolve("guardrail-signing.pub.pem");
    try {
      OwnerOnly.directory(dir);
      SigningKey key;
      if (Files.isRegularFile(privateKey)) {
        OwnerOnly.restrict(privateKey, OwnerOnly.FILE);
        key = SigningKey.fromFile(privateKey);
      } else {
        key = SigningKey.generate();
        if (!OwnerOnly.create(privateKey, key.privatePem())) {
          // another process made it first: its key is the stack's, read rather than overwritten
          key = SigningKey.fromFile(privateKey);
        }
      }
      Files.writeString(publicKey, key.publicPem(), StandardCharsets.US_ASCII);
      return new SigningKeyFiles(privateKey, publicKey, key.keyId());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot set up the signing key under " + dir, e);
    }
  }
}
