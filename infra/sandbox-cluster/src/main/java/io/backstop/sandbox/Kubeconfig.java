package io.backstop.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a kubeconfig for one of the sandbox's tokens, pointing at its HTTPS endpoint (kubectl
 * sends bearer tokens only over TLS) with {@code insecure-skip-tls-verify}, since the mock server's
 * certificate is self-signed.
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
      Files.createDirectories(directory);
      Path file = directory.resolve("kubeconfig-" + user + ".yaml");
      Files.writeString(file, yaml);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write kubeconfig into " + directory, e);
    }
  }
}
