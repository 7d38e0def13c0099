package io.backstop.triage.architecture;

import io.fabric8.kubernetes.client.KubernetesClient;

/** A test-only class that does what triage must never do, to show the rules catch it. */
final class WritingOffender {

  private WritingOffender() {}

  static void deleteTheNamespace(KubernetesClient client) {
    client.namespaces().withName("shop").delete();
  }

  static int readSecrets(KubernetesClient client) {
    return client.secrets().inNamespace("shop").list().getItems().size();
  }
}
