package io.backstop.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Writes a kubeconfig for one of the sandbox's tokens, pointing at its HTTPS endpoint (kubectl
 * sends bearer tokens only over TLS) with {@code insecure-skip-tls-verify}, since the mock server's
 * certificate is self-signed. The file holds a token, so it is created readable by its owner alone
 * (0600, in a directory made 0700 when this creates it).
 */
final class Kubeconfig {

  private Kubeconfig() {}

  static Path write(Path directory, String user, String server, String token) {
    String yaml =
        """
        apiVersion: v1
        kind: Config
        clusters:
        - name: backstop-sandbox
          cluster:
            server: %s
            insecure-skip-tls-verify: true
        users:
        - name: %s
          user:
            token: %s
        contexts:
        - name: backstop-sandbox-%s
          context:
            cluster: backstop-sandbox
            user: %s
            namespace: default
        current-context: backstop-sandbox-%s
        """
            .formatted(server, user, token, user, user, user);
    try {
      if (!Files.isDirectory(directory)) {
        Files.createDirectories(directory);
        restrict(directory, PosixFilePermissions.fromString("rwx------"));
      }
      Path file = directory.resolve("kubeconfig-" + user + ".yaml");
      Set<PosixFilePermission> ownerOnly = PosixFilePermissions.fromString("rw-------");
      try {
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(ownerOnly));
      } catch (UnsupportedOperationException notPosix) {
        Files.createFile(file);
      }
      Files.writeString(file, yaml);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write kubeconfig into " + directory, e);
    }
  }

  private static void restrict(Path path, Set<PosixFilePermission> permissions) throws IOException {
    try {
      Files.setPosixFilePermissions(path, permissions);
    } catch (UnsupportedOperationException notPosix) {
      // a file system without POSIX permissions: nothing more to do here
    }
  }
}
