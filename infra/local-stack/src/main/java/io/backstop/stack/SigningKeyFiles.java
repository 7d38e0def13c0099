package io.backstop.stack;

import io.backstop.events.signing.SigningKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The guardrail's signing key pair of one local stack, under its data directory: {@code
 * keys/guardrail-signing.pem} (the private key, created 0600 in a 0700 directory, never readable by
 * anyone else for an instant) and {@code keys/guardrail-signing.pub.pem}. Kept across restarts of
 * the same home, so the guardrail can verify its own earlier signatures on the audit log; made when
 * absent. A private key file others can read is tightened to 0600 before use.
 */
public record SigningKeyFiles(Path privateKey, Path publicKey, String keyId) {

  static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
  static final Set<PosixFilePermission> OWNER_DIR = PosixFilePermissions.fromString("rwx------");

  public static SigningKeyFiles ensure(Path home) {
    Path dir = home.resolve("keys");
    Path privateKey = dir.resolve("guardrail-signing.pem");
    Path publicKey = dir.resolve("guardrail-signing.pub.pem");
    try {
      Files.createDirectories(dir);
      restrict(dir, OWNER_DIR);
      SigningKey key;
      if (Files.isRegularFile(privateKey)) {
        restrict(privateKey, OWNER_ONLY);
        key = SigningKey.fromFile(privateKey);
      } else {
        key = SigningKey.generate();
        writeOwnerOnly(privateKey, key.privatePem());
      }
      Files.writeString(publicKey, key.publicPem(), StandardCharsets.US_ASCII);
      return new SigningKeyFiles(privateKey, publicKey, key.keyId());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot set up the signing key under " + dir, e);
    }
  }

  private static void writeOwnerOnly(Path file, String content) throws IOException {
    try {
      Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
    } catch (UnsupportedOperationException notPosix) {
      Files.createFile(file);
    } catch (FileAlreadyExistsException raced) {
      // another process made it first; it is read, not overwritten
      return;
    }
    Files.writeString(file, content, StandardCharsets.US_ASCII);
  }

  private static void restrict(Path path, Set<PosixFilePermission> permissions) throws IOException {
    try {
      if (!Files.getPosixFilePermissions(path).equals(permissions)) {
        Files.setPosixFilePermissions(path, permissions);
      }
    } catch (UnsupportedOperationException notPosix) {
      // a file system without POSIX permissions: nothing more to do here
    }
  }
}
