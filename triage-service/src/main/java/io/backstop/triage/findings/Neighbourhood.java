package io.backstop.triage.findings;

import io.backstop.events.signal.Relation;
import io.backstop.events.signal.WorkloadRef;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Service;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which workloads besides the alerted one deserve evidence of their own, and how each relates to
 * it, ranked, at most {@code max}: dependencies (a Service the alerted workload's env names selects
 * them, or the {@code backstop.io/depends-on} annotation names them), anomalous first; other legs
 * of its release; workloads on a node of its that is under pressure, the biggest memory users
 * first; the namespace's other anomalous workloads; and the workloads that depend on it. What the
 * bound leaves out is named.
 */
public final class Neighbourhood {

  public static final String DEPENDS_ON = "backstop.io/depends-on";

  private Neighbourhood() {}

  /** What is known about a workload of the namespace (or on a shared node). */
  public record Workload(
      WorkloadRef ref,
      PodTemplateSpec template,
      Map<String, String> annotations,
      double anomaly,
      String anomalies,
      long memoryBytes) {}

  /** A chosen related workload: relation, how triage knows, and the rank it was chosen by. */
  public record Chosen(WorkloadRef workload, Relation relation, String via, double rank) {}

  /** The chosen ones and what the bound left out. */
  public record Selection(List<Chosen> chosen, List<String> skipped) {}

  public static Selection select(
      Workload target,
      List<Workload> workloads,
      List<Service> services,
      List<WorkloadRef> releaseLegs,
      Map<WorkloadRef, String> onPressuredNode,
      int max) {
    Map<WorkloadRef, Chosen> best = new LinkedHashMap<>();
    Map<WorkloadRef, Workload> byRef = new LinkedHashMap<>();
    workloads.forEach(w -> byRef.put(w.ref(), w));
    for (var dep : dependencies(target, workloads, services).entrySet()) {
      Workload w = byRef.get(dep.getKey());
      double rank = w != null && w.anomaly() > 0 ? 100 + w.anomaly() : 30;
      offer(best, new Chosen(dep.getKey(), Relation.DEPENDENCY, dep.getValue(), rank));
    }
    for (WorkloadRef leg : releaseLegs) {
      if (!leg.equals(target.ref())) {
        offer(
            best,
            new Chosen(leg, Relation.SAME_RELEASE, "same build as " + target.ref().name(), 80));
      }
    }
    for (var node : onPressuredNode.entrySet()) {
      if (node.getKey().equals(target.ref())) {
        continue;
      }
      Workload w = byRef.get(node.getKey());
      double memory = w == null ? 0 : w.memoryBytes() / (double) (1L << 30);
      double anomaly = w == null ? 0 : w.anomaly();
      offer(
          best,
          new Chosen(node.getKey(), Relation.SAME_NODE, node.getValue(), 70 + anomaly + memory));
    }
    for (Workload w : workloads) {
      if (!w.ref().equals(target.ref()) && w.anomaly() > 0) {
        offer(
            best,
            new Chosen(w.ref(), Relation.ANOMALOUS_NEIGHBOUR, w.anomalies(), 50 + w.anomaly()));
      }
    }
    for (Workload w : workloads) {
      if (w.ref().equals(target.ref()) || w.anomaly() <= 0) {
        continue;
      }
      Optional<String> via =
          dependencies(w, List.of(target), services).values().stream().findFirst();
      via.ifPresent(v -> offer(best, new Chosen(w.ref(), Relation.DEPENDENT, v, 20 + w.anomaly())));
    }
    List<Chosen> ranked =
        best.values().stream()
            .filter(c -> !c.workload().equals(target.ref()))
            .sorted(
                Comparator.comparingDouble(Chosen::rank)
                    .reversed()
                    .thenComparing(c -> c.workload().name()))
            .toList();
    List<Chosen> chosen = ranked.subList(0, Math.min(max, ranked.size()));
    List<String> skipped = new ArrayList<>();
    for (Chosen c : ranked.subList(chosen.size(), ranked.size())) {
      skipped.add(
          "related workload "
              + c.workload().namespace()
              + "/"
              + c.workload().name()
              + " ("
              + c.relation()
              + ", "
              + c.via()
              + "): over the "
              + max
              + "-workload bound");
    }
    return new Selection(List.copyOf(chosen), List.copyOf(skipped));
  }

  /**
   * Keeps the best rank per workload and every way triage knows it. A link (dependency, dependent,
   * node, release) names the relation even when the workload's anomaly ranks it higher as a mere
   * neighbour: ANOMALOUS_NEIGHBOUR means "nothing links it", and the guardrail reads it so (a
   * shared cause when unlinked workloads fail together).
   */
  private static void offer(Map<WorkloadRef, Chosen> best, Chosen c) {
    Chosen had = best.get(c.workload());
    if (had == null) {
      best.put(c.workload(), c);
      return;
    }
    Chosen higher = c.rank() > had.rank() ? c : had;
    Chosen lower = higher == c ? had : c;
    Relation relation =
        higher.relation() == Relation.ANOMALOUS_NEIGHBOUR ? lower.relation() : higher.relation();
    String via =
        higher.via().contains(lower.via()) ? higher.via() : higher.via() + "; " + lower.via();
    best.put(c.workload(), new Chosen(c.workload(), relation, via, higher.rank()));
  }

  /**
   * The workloads {@code from} depends on, with how triage knows: the names in its {@code
   * backstop.io/depends-on} annotation, and the workloads selected by a Service whose name its
   * containers' env values use as a host.
   */
  static Map<WorkloadRef, String> dependencies(
      Workload from, List<Workload> candidates, List<Service> services) {
    Map<WorkloadRef, String> out = new LinkedHashMap<>();
    String annotated = from.annotations().getOrDefault(DEPENDS_ON, "");
    for (String name : annotated.split("[,\\s]+")) {
      candidates.stream()
          .filter(w -> w.ref().name().equals(name.strip()) && !name.isBlank())
          .forEach(w -> out.putIfAbsent(w.ref(), "annotation " + DEPENDS_ON));
    }
    for (Service s : services) {
      String service = s.getMetadata().getName();
      Optional<String> env = envNaming(from.template(), service, from.ref().namespace());
      Map<String, String> selector = s.getSpec() == null ? null : s.getSpec().getSelector();
      if (env.isEmpty() || selector == null || selector.isEmpty()) {
        continue;
      }
      for (Workload w : candidates) {
        if (!w.ref().equals(from.ref()) && selects(selector, w.template())) {
          out.putIfAbsent(
              w.ref(), "env " + env.get() + " names service " + service + ", which selects it");
        }
      }
    }
    return out;
  }

  /**
   * The env var whose value uses the Service's name as a host ({@code http://payments:8080}, {@code
   * payments.shop.svc.cluster.local}, {@code redis://cart-redis:6379/0}), if one does.
   */
  static Optional<String> envNaming(PodTemplateSpec template, String service, String namespace) {
    if (template == null || template.getSpec() == null) {
      return Optional.empty();
    }
    Pattern host =
        Pattern.compile(
            "(?:^|[/@=,;\\s])"
                + Pattern.quote(service)
                + "(?:\\."
                + Pattern.quote(namespace)
                + ")?(?:\\.svc(?:\\.[a-z0-9.-]+)?)?(?=$|[:/,;\\s])");
    for (Container c : template.getSpec().getContainers()) {
      for (EnvVar v : c.getEnv() == null ? List.<EnvVar>of() : c.getEnv()) {
        if (v.getValue() != null && host.matcher(v.getValue().toLowerCase(Locale.ROOT)).find()) {
          return Optional.of(v.getName());
        }
      }
    }
    return Optional.empty();
  }

  static boolean selects(Map<String, String> selector, PodTemplateSpec template) {
    Map<String, String> labels =
        template == null
                || template.getMetadata() == null
                || template.getMetadata().getLabels() == null
            ? Map.of()
            : template.getMetadata().getLabels();
    return selector.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
  }

  /** The distinct names of a set of references, for messages. */
  static Set<String> names(List<WorkloadRef> refs) {
    Set<String> out = new LinkedHashSet<>();
    refs.forEach(r -> out.add(r.name()));
    return out;
  }
}
