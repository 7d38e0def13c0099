package io.backstop.kubernetes;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the kubelet mounts a pod's service-account credentials: {@code token} (a bound token the
 * kubelet rotates), {@code ca.crt} (the cluster CA) and {@code namespace}.
 */
public record ServiceAccountMount(Path dir) {

  /** The path every pod has, unless {@code automountServiceAccountToken: false}. */
  public static final ServiceAccountMount POD =
      new ServiceAccountMount(Path.of("/var/run/secrets/kubernetes.io/serviceaccount"));

  public Path token() {
    return dir.resolve("token");
  }

  public Path caCert() {
    return dir.resolve("ca.crt");
  }

  public boolean hasToken() {
    return Files.isReadable(token());
  }
}
