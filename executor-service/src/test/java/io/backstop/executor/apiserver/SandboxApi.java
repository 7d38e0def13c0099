package io.backstop.executor.apiserver;

import io.backstop.executor.ExecutorProperties;
import io.backstop.executor.kubernetes.KubernetesClients;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One simulated API server for a test class: the fabric8 mock in CRUD mode behind {@link
 * ApiServerDispatcher}, a controller client and a {@link ControllerSimulation}, and clients built
 * the way the executor builds its own (URL and bearer token).
 */
public final class SandboxApi implements AutoCloseable {

  public static final String WRITE_TOKEN = "executor-write-token";

  /** Held so the level sticks: the mock server logs every request at INFO through JUL. */
  private static final java.util.logging.Logger MOCK_LOG =
      java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

  static {
    MOCK_LOG.setLevel(java.util.logging.Level.WARNING);
  }

  private final KubernetesMockServer server;
  private final ApiServerDispatcher dispatcher;
  private final KubernetesClient admin;
  private final ControllerSimulation controller;

  public SandboxApi(String namespace) {
    var responses =
        new HashMap<
            io.fabric8.mockwebserver.ServerRequest,
            java.util.Queue<io.fabric8.mockwebserver.ServerResponse>>();
    this.dispatcher = new ApiServerDispatcher(responses);
    this.server =
        new KubernetesMockServer(new Context(), new MockWebServer(), responses, dispatcher, false);
    server.init();
    this.admin = client(ApiServerDispatcher.CONTROLLER_TOKEN);
    this.controller = new ControllerSimulation(admin, namespace);
  }

  public String url() {
    return "http://localhost:" + server.getPort();
  }

  /** A client as the executor builds it from {@code backstop.executor.kubernetes.*}. */
  public KubernetesClient client(String token) {
    return KubernetesClients.create(new ExecutorProperties.Kubernetes(url(), token, null, true));
  }

  public KubernetesClient admin() {
    return admin;
  }

  public ControllerSimulation controller() {
    return controller;
  }

  public ApiServerDispatcher dispatcher() {
    return dispatcher;
  }

  /**
   * A Deployment rolled out through each image in turn (revision 1 to n), with the given labels.
   */
  public Deployment deploymentWithHistory(
      String namespace,
      String name,
      int replicas,
      Map<String, String> labels,
      List<String> images) {
    Deployment d =
        new DeploymentBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace(namespace)
            .withLabels(labels)
            .addToAnnotations("deployment.kubernetes.io/revision", "0")
            .endMetadata()
            .withNewSpec()
            .withReplicas(replicas)
            .withNewSelector()
            .addToMatchLabels("app", name)
            .endSelector()
            .withNewTemplate()
            .withNewMetadata()
            .addToLabels("app", name)
            .endMetadata()
            .withNewSpec()
            .addNewContainer()
            .withName("app")
            .withImage(images.get(0))
            .endContainer()
            .endSpec()
            .endTemplate()
            .endSpec()
            .withNewStatus()
            .endStatus()
            .build();
    admin.apps().deployments().inNamespace(namespace).resource(d).create();
    controller.reconcile();
    for (String image : images.subList(1, images.size())) {
      admin
          .apps()
          .deployments()
          .inNamespace(namespace)
          .withName(name)
          .edit(
              x -> {
                x.getSpec().getTemplate().getSpec().getContainers().get(0).setImage(image);
                return x;
              });
      controller.reconcile();
    }
    return admin.apps().deployments().inNamespace(namespace).withName(name).get();
  }

  @Override
  public void close() {
    controller.close();
    admin.close();
    server.destroy();
  }
}
