package io.backstop.sandbox.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.backstop.sandbox.SandboxOptions;
import io.backstop.sandbox.controller.ClusterLoader;
import io.backstop.sandbox.controller.ControllerLoop;
import io.backstop.sandbox.controller.PodPolicies;
import io.backstop.sandbox.spec.SandboxSpec;
import io.backstop.sandbox.workload.WorkloadSimulator;
import io.backstop.scenario.ScenarioLoader;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The store's typed reads parse an object once per stored version and hand every caller its own
 * copy: what a caller gets must be exactly what the API serves for the same object, and what one
 * caller edits must never reach the next.
 */
class ClusterStoreTest {

  private final KubernetesSerialization json = new KubernetesSerialization();

  static List<String> shipped() {
    return ScenarioLoader.shippedNames();
  }

  /** Every kind of every shipped scenario, loaded and reconciled, read both ways. */
  @ParameterizedTest
  @MethodSource("shipped")
  void typedReadsAreWhatTheApiServes(String file) {
    Loaded loaded = load(file);
    ClusterStore store = loaded.store();
    int compared = 0;
    for (ResourceType type : ResourceType.values()) {
      List<? extends HasMetadata> typed = store.list(type.type(), null);
      List<String> expected = viaApi(store, type);
      assertThat(typed.stream().map(json::asJson).toList())
          .as("%s in %s", type.plural(), file)
          .isEqualTo(expected);
      for (HasMetadata object : typed) {
        String ns = type.namespaced() ? object.getMetadata().getNamespace() : null;
        assertThat(store.get(type.type(), ns, object.getMetadata().getName()).map(json::asJson))
            .contains(json.asJson(object));
      }
      compared += typed.size();
    }
    assertThat(compared).as("objects compared in %s", file).isGreaterThan(10);
    loaded.controllers().close();
  }

  @Test
  void aCallerEditingWhatItReadNeverChangesTheNextRead() {
    Loaded loaded = load("bad-deploy-hallucinated-sha.yaml");
    ClusterStore store = loaded.store();
    Deployment first = store.list(Deployment.class, "shop").get(0);
    String name = first.getMetadata().getName();
    String before = json.asJson(first);

    first.getSpec().setReplicas(97);
    first.getMetadata().getLabels().put("edited", "yes");
    first.getSpec().getTemplate().getSpec().getContainers().get(0).setImage("edited:1");
    Pod pod = store.list(Pod.class, "shop").get(0);
    pod.getMetadata().getAnnotations().put("edited", "yes");
    pod.setStatus(null);

    Deployment again = store.get(Deployment.class, "shop", name).orElseThrow();
    assertThat(json.asJson(again)).isEqualTo(before);
    assertThat(store.list(Deployment.class, "shop").get(0)).isNotSameAs(again);
    Pod podAgain = store.get(Pod.class, "shop", pod.getMetadata().getName()).orElseThrow();
    assertThat(podAgain.getStatus()).isNotNull();
    assertThat(podAgain.getMetadata().getAnnotations()).doesNotContainKey("edited");
    loaded.controllers().close();
  }

  @Test
  void aWriteIsWhatTheNextReadSeesAndADeletionIsGone() {
    Loaded loaded = load("bad-deploy-hallucinated-sha.yaml");
    ClusterStore store = loaded.store();
    Deployment d = store.list(Deployment.class, "shop").get(0);
    String name = d.getMetadata().getName();
    d.getSpec().setReplicas(7);
    d.getMetadata().getAnnotations().put("written", "yes");
    store.replace(d);

    Deployment read = store.get(Deployment.class, "shop", name).orElseThrow();
    assertThat(read.getSpec().getReplicas()).isEqualTo(7);
    assertThat(read.getMetadata().getAnnotations()).containsEntry("written", "yes");
    assertThat(json.asJson(read))
        .isEqualTo(
            viaApi(store, ResourceType.DEPLOYMENTS).stream()
                .filter(s -> s.contains("\"name\":\"" + name + "\""))
                .findFirst()
                .orElseThrow());

    store.delete(Deployment.class, "shop", name);
    assertThat(store.get(Deployment.class, "shop", name)).isEmpty();
    assertThat(store.list(Deployment.class, "shop"))
        .extracting(x -> x.getMetadata().getName())
        .doesNotContain(name);
    assertThat(store.list(Deployment.class, "nowhere")).isEmpty();
    loaded.controllers().close();
  }

  /** The objects of one type as the API's list serves them, each re-encoded the same way. */
  private List<String> viaApi(ClusterStore store, ResourceType type) {
    var response = store.raw(HttpMethod.GET, type.collectionPath(null), null, null);
    KubernetesResourceList<?> list = json.unmarshal(response.getBody().readUtf8());
    List<String> items = new ArrayList<>();
    for (Object item : list.getItems()) {
      items.add(json.asJson(json.convertValue(item, type.type())));
    }
    return items;
  }

  private record Loaded(ClusterStore store, ControllerLoop controllers) {}

  private Loaded load(String file) {
    SandboxSpec spec = SandboxSpec.from(ScenarioLoader.loadResource(file));
    SandboxOptions options = SandboxOptions.fast();
    ClusterStore store = new ClusterStore(new KubernetesCrudDispatcher(), json);
    WorkloadSimulator simulator = new WorkloadSimulator(options.timing());
    ControllerLoop controllers =
        new ControllerLoop(
            store,
            simulator,
            new PodPolicies(spec),
            options.clock(),
            options.reconcileInterval(),
            options.seed());
    new ClusterLoader(store, controllers, simulator, options.clock()).load(spec);
    for (int i = 0; i < 3; i++) {
      controllers.tick();
    }
    assertThat(store.list(Pod.class, null)).as("pods of %s", file).isNotEmpty();
    return new Loaded(store, controllers);
  }
}
