package io.backstop.executor.apiserver;

import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A small deployment controller for tests: a template no ReplicaSet holds gets a new ReplicaSet
 * with the next revision; a rollback to an older template renumbers that ReplicaSet, as Kubernetes
 * does; pods follow the current ReplicaSet and the replica count; pods of an image listed as
 * crashing sit in CrashLoopBackOff. Status reports what the pods do.
 */
public final class ControllerSimulation implements AutoCloseable {

  private static final String REVISION = "deployment.kubernetes.io/revision";

  private final KubernetesClient client;
  private final String namespace;
  private final Map<String, String> shaByImage = new ConcurrentHashMap<>();
  private final Set<String> crashing = ConcurrentHashMap.newKeySet();
  private ScheduledExecutorService loop;

  public ControllerSimulation(KubernetesClient client, String namespace) {
    this.client = client;
    this.namespace = namespace;
  }

  public ControllerSimulation image(String image, String sha, boolean crashes) {
    shaByImage.put(image, sha);
    if (crashes) {
      crashing.add(image);
    } else {
      crashing.remove(image);
    }
    return this;
  }

  public void start() {
    loop = Executors.newSingleThreadScheduledExecutor();
    loop.scheduleWithFixedDelay(this::reconcileQuietly, 20, 40, TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    if (loop != null) {
      loop.shutdownNow();
      try {
        loop.awaitTermination(2, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void reconcileQuietly() {
    try {
      reconcile();
    } catch (RuntimeException e) {
      // the next round retries, as a controller does
    }
  }

  public synchronized void reconcile() {
    for (Deployment d : client.apps().deployments().inNamespace(namespace).list().getItems()) {
      reconcile(d);
    }
  }

  private void reconcile(Deployment d) {
    List<ReplicaSet> own =
        owned(client.apps().replicaSets().inNamespace(namespace).list().getItems(), d);
    long max = own.stream().mapToLong(rs -> revision(rs)).max().orElse(0);
    ReplicaSet current =
        own.stream()
            .filter(rs -> sameTemplate(rs.getSpec().getTemplate(), d))
            .findFirst()
            .orElse(null);
    long revision;
    if (current == null) {
      revision = max + 1;
      current = createReplicaSet(d, revision);
    } else if (revision(current) < max || revision(current) != revision(d)) {
      revision = revision(current) < max ? max + 1 : revision(current);
      final long r = revision;
      current =
          client
              .apps()
              .replicaSets()
              .inNamespace(namespace)
              .withName(current.getMetadata().getName())
              .edit(
                  rs -> {
                    rs.getMetadata().getAnnotations().put(REVISION, Long.toString(r));
                    return rs;
                  });
    } else {
      revision = revision(current);
    }
    if (revision(d) != revision) {
      final long r = revision;
      client
          .apps()
          .deployments()
          .inNamespace(namespace)
          .withName(d.getMetadata().getName())
          .edit(
              x -> {
                x.getMetadata().getAnnotations().put(REVISION, Long.toString(r));
                return x;
              });
    }
    boolean healthy = syncPods(d, current, own);
    int desired = d.getSpec().getReplicas();
    int ready = healthy ? desired : 0;
    // The generation this round reconciled, not whatever the object has by now: a write that
    // landed meanwhile is observed only by the next round, as in a real controller.
    Long reconciled = d.getMetadata().getGeneration();
    client
        .apps()
        .deployments()
        .inNamespace(namespace)
        .withName(d.getMetadata().getName())
        .editStatus(
            x -> {
              x.getStatus().setObservedGeneration(reconciled);
              x.getStatus().setReplicas(desired);
              x.getStatus().setUpdatedReplicas(desired);
              x.getStatus().setReadyReplicas(ready);
              x.getStatus().setAvailableReplicas(ready);
              return x;
            });
  }

  private ReplicaSet createReplicaSet(Deployment d, long revision) {
    PodTemplateSpec template = client.getKubernetesSerialization().clone(d.getSpec().getTemplate());
    String hash =
        Integer.toHexString(
            templateJson(d.getSpec().getTemplate()).toString().hashCode() & 0x7fffffff);
    template.getMetadata().getLabels().put("pod-template-hash", hash);
    Map<String, String> selector = new HashMap<>(d.getSpec().getSelector().getMatchLabels());
    selector.put("pod-template-hash", hash);
    String image = template.getSpec().getContainers().get(0).getImage();
    ReplicaSet rs =
        new ReplicaSetBuilder()
            .withNewMetadata()
            .withName(d.getMetadata().getName() + "-" + hash)
            .withNamespace(namespace)
            .addToAnnotations(REVISION, Long.toString(revision))
            .addToAnnotations("backstop.io/git-sha", shaByImage.getOrDefault(image, ""))
            .withOwnerReferences(owner(d, "Deployment"))
            .endMetadata()
            .withNewSpec()
            .withReplicas(d.getSpec().getReplicas())
            .withNewSelector()
            .withMatchLabels(selector)
            .endSelector()
            .withTemplate(template)
            .endSpec()
            .build();
    return client.apps().replicaSets().inNamespace(namespace).resource(rs).create();
  }

  private boolean syncPods(Deployment d, ReplicaSet current, List<ReplicaSet> own) {
    String image = current.getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
    boolean crashes = crashing.contains(image);
    List<Pod> pods = client.pods().inNamespace(namespace).list().getItems();
    for (Pod pod : pods) {
      boolean ofDeployment = own.stream().anyMatch(rs -> ownedBy(pod, rs.getMetadata().getName()));
      if (ofDeployment && !ownedBy(pod, current.getMetadata().getName())) {
        client.pods().inNamespace(namespace).withName(pod.getMetadata().getName()).delete();
      }
    }
    List<Pod> mine =
        pods.stream().filter(p -> ownedBy(p, current.getMetadata().getName())).toList();
    int desired = d.getSpec().getReplicas();
    for (int i = mine.size(); i < desired; i++) {
      createPod(current, i, crashes);
    }
    for (int i = desired; i < mine.size(); i++) {
      client.pods().inNamespace(namespace).withName(mine.get(i).getMetadata().getName()).delete();
    }
    return !crashes;
  }

  private void createPod(ReplicaSet rs, int index, boolean crashes) {
    String name = rs.getMetadata().getName() + "-p" + index + "-" + System.nanoTime() % 100000;
    Pod pod =
        new PodBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace(namespace)
            .withLabels(rs.getSpec().getSelector().getMatchLabels())
            .withOwnerReferences(owner(rs, "ReplicaSet"))
            .endMetadata()
            .withSpec(rs.getSpec().getTemplate().getSpec())
            .withNewStatus()
            .withPhase("Running")
            .withConditions(
                new PodConditionBuilder()
                    .withType("Ready")
                    .withStatus(crashes ? "False" : "True")
                    .build())
            .withContainerStatuses(
                crashes
                    ? new ContainerStatusBuilder()
                        .withName("app")
                        .withRestartCount(4)
                        .withNewState()
                        .withNewWaiting()
                        .withReason("CrashLoopBackOff")
                        .endWaiting()
                        .endState()
                        .withReady(false)
                        .build()
                    : new ContainerStatusBuilder()
                        .withName("app")
                        .withRestartCount(0)
                        .withNewState()
                        .withNewRunning()
                        .endRunning()
                        .endState()
                        .withReady(true)
                        .build())
            .endStatus()
            .build();
    Pod created = client.pods().inNamespace(namespace).resource(pod).create();
    if (created.getStatus() == null
        || created.getStatus().getConditions() == null
        || created.getStatus().getConditions().isEmpty()) {
      client
          .pods()
          .inNamespace(namespace)
          .withName(name)
          .editStatus(
              p -> {
                p.setStatus(pod.getStatus());
                return p;
              });
    }
  }

  private boolean sameTemplate(PodTemplateSpec rsTemplate, Deployment d) {
    PodTemplateSpec copy = client.getKubernetesSerialization().clone(rsTemplate);
    if (copy.getMetadata().getLabels() != null) {
      copy.getMetadata().getLabels().remove("pod-template-hash");
    }
    return templateJson(copy).equals(templateJson(d.getSpec().getTemplate()));
  }

  private com.fasterxml.jackson.databind.JsonNode templateJson(PodTemplateSpec template) {
    return client
        .getKubernetesSerialization()
        .convertValue(template, com.fasterxml.jackson.databind.JsonNode.class);
  }

  private static List<ReplicaSet> owned(List<ReplicaSet> all, Deployment d) {
    return all.stream().filter(rs -> ownedBy(rs, d.getMetadata().getName())).toList();
  }

  private static boolean ownedBy(HasMetadata object, String name) {
    var owners = object.getMetadata().getOwnerReferences();
    return owners != null && owners.stream().anyMatch(o -> name.equals(o.getName()));
  }

  private static long revision(HasMetadata object) {
    var annotations = object.getMetadata().getAnnotations();
    String value = annotations == null ? null : annotations.get(REVISION);
    return value == null ? 0 : Long.parseLong(value);
  }

  private static io.fabric8.kubernetes.api.model.OwnerReference owner(HasMetadata o, String kind) {
    return new OwnerReferenceBuilder()
        .withApiVersion("apps/v1")
        .withKind(kind)
        .withName(o.getMetadata().getName())
        .withUid(
            o.getMetadata().getUid() == null ? o.getMetadata().getName() : o.getMetadata().getUid())
        .withController(true)
        .build();
  }
}
