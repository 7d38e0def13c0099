package io.backstop.triage.it;

import io.backstop.triage.kubernetes.ShopCluster;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;

/**
 * One fabric8 mock API server (CRUD with expectations) for the whole test JVM, holding the {@link
 * ShopCluster} bad deploy; the triage context reads it through its read-only facade.
 */
final class MockCluster {

  private static KubernetesMockServer server;

  private MockCluster() {}

  static synchronized String url() {
    if (server == null) {
      Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
      server =
          new KubernetesMockServer(
              new Context(),
              new MockWebServer(),
              responses,
              new KubernetesMixedDispatcher(responses),
              false);
      server.init();
      try (var client = server.createClient()) {
        ShopCluster.badDeploy(server, client, ShopCluster.CRASH_LOG);
      }
    }
    return server.url("/");
  }
}
