package io.backstop.triage.findings;

import io.backstop.events.signal.DriftDimension;
import io.backstop.events.signal.WorkloadRef;
import io.backstop.triage.kubernetes.ContainerDiff;
import io.backstop.triage.kubernetes.ContainerDiff.Difference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Running pods that differ from the template of the ReplicaSet that created them: a mutating
 * webhook injected a container or rewrote a limit or an image, a LimitRange defaulted a limit the
 * template left out. Who changed it is taken from what the cluster writes on the pod: the
 * LimitRanger admission plugin's {@code kubernetes.io/limit-ranger} annotation, Kyverno's {@code
 * policies.kyverno.io/last-applied-patches}, Istio's {@code sidecar.istio.io/status}, Linkerd's
 * {@code linkerd.io/proxy-version}, Vault's {@code vault.hashicorp.com/agent-inject-status}, or any
 * annotation that names a mutation or an injection. One finding per container and dimension, with
 * how many pods show it.
 */
public final class Drift {

  private static final Map<String, String> KNOWN =
      Map.of(
          "kubernetes.io/limit-ranger", "the LimitRanger admission plugin (LimitRange defaults)",
          "policies.kyverno.io/last-applied-patches", "Kyverno mutating policy",
          "sidecar.istio.io/status", "the Istio sidecar injector (mutating webhook)",
          "linkerd.io/proxy-version", "the Linkerd proxy injector (mutating webhook)",
          "vault.hashicorp.com/agent-inject-status", "the Vault agent injector (mutating webhook)",
          "gatekeeper.sh/mutation-id", "a Gatekeeper mutation (mutating webhook)");

  private Drift() {}

  /** One drift with the text of its evidence item. */
  public record Found(
      WorkloadRef workload,
      String pod,
      String container,
      DriftDimension dimension,
      String template,
      String running,
      String changedBy,
      int pods,
      String text) {}

  public static List<Found> of(WorkloadRef workload, List<Pod> pods, List<ReplicaSet> replicaSets) {
    Map<String, Found> byKey = new LinkedHashMap<>();
    Map<String, Integer> counts = new LinkedHashMap<>();
    int running = 0;
    for (Pod pod : pods) {
      if (pod.getSpec() == null || terminal(pod)) {
        continue;
      }
      Optional<ReplicaSet> rs = ownerOf(pod, replicaSets);
      if (rs.isEmpty() || rs.get().getSpec() == null || rs.get().getSpec().getTemplate() == null) {
        continue;
      }
      running++;
      String changedBy = changedBy(pod);
      for (Difference d :
          ContainerDiff.between(
              rs.get().getSpec().getTemplate().getSpec().getContainers(),
              pod.getSpec().getContainers())) {
        String key =
            d.container()
                + "|"
                + d.dimension()
                + "|"
                + d.before()
                + "|"
                + d.after()
                + "|"
                + d.note();
        counts.merge(key, 1, Integer::sum);
        byKey.putIfAbsent(
            key,
            new Found(
                workload,
                pod.getMetadata().getName(),
                d.container(),
                d.dimension(),
                d.dimension() == DriftDimension.ENV ? "" : d.before(),
                d.dimension() == DriftDimension.ENV ? d.note() : d.after(),
                changedBy,
                0,
                ""));
      }
    }
    List<Found> out = new ArrayList<>();
    for (var e : byKey.entrySet()) {
      Found f = e.getValue();
      int n = counts.get(e.getKey());
      String text =
          n
              + " of "
              + running
              + " running pods of "
              + workload.namespace()
              + "/"
              + workload.name()
              + " differ from their ReplicaSet's template (e.g. pod "
              + f.pod()
              + "): "
              + describe(f)
              + (f.changedBy().isEmpty()
                  ? "; the cluster does not say who changed it"
                  : "; changed by " + f.changedBy());
      out.add(
          new Found(
              f.workload(),
              f.pod(),
              f.container(),
              f.dimension(),
              f.template(),
              f.running(),
              f.changedBy(),
              n,
              text));
    }
    return List.copyOf(out);
  }

  private static String describe(Found f) {
    return switch (f.dimension()) {
      case INJECTED_CONTAINER ->
          f.template().isEmpty()
              ? "container " + f.container() + " (" + f.running() + ") is not in the template"
              : "template container " + f.container() + " is missing";
      case ENV -> "container " + f.container() + " " + f.running();
      default ->
          "container "
              + f.container()
              + " "
              + f.dimension().name().toLowerCase().replace('_', ' ')
              + " is '"
              + f.template()
              + "' in the template but '"
              + f.running()
              + "' running";
    };
  }

  /** Who the pod's annotations say changed it, or "". */
  static String changedBy(Pod pod) {
    Map<String, String> annotations =
        pod.getMetadata().getAnnotations() == null ? Map.of() : pod.getMetadata().getAnnotations();
    List<String> who = new ArrayList<>();
    for (var e : annotations.entrySet()) {
      String known = KNOWN.get(e.getKey());
      String key = e.getKey().toLowerCase();
      if (known != null) {
        who.add(known + " (annotation " + e.getKey() + ": " + clip(e.getValue()) + ")");
      } else if (key.contains("mutat") || key.contains("inject")) {
        who.add("annotation " + e.getKey() + ": " + clip(e.getValue()));
      }
    }
    who.sort(null);
    return String.join("; ", who);
  }

  private static String clip(String value) {
    String v = value == null ? "" : value.replace('\n', ' ');
    return v.length() > 160 ? v.substring(0, 160) + "..." : v;
  }

  private static boolean terminal(Pod pod) {
    String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
    return "Failed".equals(phase) || "Succeeded".equals(phase);
  }

  private static Optional<ReplicaSet> ownerOf(Pod pod, List<ReplicaSet> replicaSets) {
    if (pod.getMetadata().getOwnerReferences() == null) {
      return Optional.empty();
    }
    return pod.getMetadata().getOwnerReferences().stream()
        .filter(o -> "ReplicaSet".equals(o.getKind()))
        .findFirst()
        .flatMap(
            o ->
                replicaSets.stream()
                    .filter(rs -> rs.getMetadata().getName().equals(o.getName()))
                    .findFirst());
  }
}
