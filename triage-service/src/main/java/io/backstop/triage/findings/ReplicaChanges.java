package io.backstop.triage.findings;

import io.backstop.events.MetadataKeys;
import io.backstop.events.signal.WorkloadRef;
import io.backstop.triage.kubernetes.EventObservation;
import io.backstop.triage.kubernetes.FieldOwners;
import io.backstop.triage.kubernetes.FieldOwners.Write;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Changes of a Deployment's desired replicas within the change window: from, to and when, from the
 * deployment controller's {@code ScalingReplicaSet} events on one ReplicaSet with no other
 * ReplicaSet scaled at the same time (a rollout scales two), and who wrote {@code spec.replicas}
 * from its {@code managedFields}. A write is Backstop's when its field manager is one of
 * Backstop's, or when Backstop's action annotation was written within a minute after it.
 */
public final class ReplicaChanges {

  private static final Pattern SCALED =
      Pattern.compile("Scaled (?:up|down) replica set (\\S+) from (\\d+) to (\\d+)");
  private static final Duration SAME_TIME = Duration.ofSeconds(10);
  private static final Duration WHO_SLACK = Duration.ofMinutes(2);

  private ReplicaChanges() {}

  /** One change with the text of its evidence item. */
  public record Found(
      WorkloadRef workload,
      int from,
      int to,
      Instant at,
      String by,
      boolean byBackstop,
      String text) {}

  public static List<Found> of(
      WorkloadRef workload,
      Deployment deployment,
      List<EventObservation> events,
      List<String> backstopManagers,
      Duration window,
      Instant now) {
    List<Scaled> scaled = new ArrayList<>();
    for (EventObservation e : events) {
      Matcher m = SCALED.matcher(e.message());
      if (e.reason().equals("ScalingReplicaSet") && m.find() && e.lastSeen() != null) {
        scaled.add(
            new Scaled(
                m.group(1),
                Integer.parseInt(m.group(2)),
                Integer.parseInt(m.group(3)),
                e.lastSeen()));
      }
    }
    List<Write> writes = FieldOwners.of(deployment, "f:spec", "f:replicas");
    List<Write> marks =
        FieldOwners.of(deployment, "f:metadata", "f:annotations", "f:" + MetadataKeys.ACTION_ID);
    List<Found> out = new ArrayList<>();
    for (Scaled s : scaled) {
      if (s.at().isBefore(now.minus(window)) || s.from() == s.to() || partOfRollout(s, scaled)) {
        continue;
      }
      Optional<Write> who = closest(writes, s.at());
      boolean backstop =
          who.map(w -> backstopManagers.contains(w.manager())).orElse(false)
              || marks.stream()
                  .anyMatch(
                      m ->
                          !m.at().isBefore(s.at().minusSeconds(5))
                              && m.at().isBefore(s.at().plus(Duration.ofMinutes(1))));
      String by = who.map(Write::describe).orElse("");
      String text =
          "deployment "
              + workload.namespace()
              + "/"
              + workload.name()
              + " desired replicas changed from "
              + s.from()
              + " to "
              + s.to()
              + " at "
              + s.at()
              + " (replica set "
              + s.replicaSet()
              + "); spec.replicas written by "
              + (by.isEmpty() ? "a manager the cluster does not record" : by)
              + who.map(w -> " at " + w.at()).orElse("")
              + (backstop ? ", a Backstop action" : ", not a Backstop action");
      out.add(new Found(workload, s.from(), s.to(), s.at(), by, backstop, text));
    }
    out.sort(Comparator.comparing(Found::at));
    return List.copyOf(out);
  }

  private static boolean partOfRollout(Scaled s, List<Scaled> all) {
    return all.stream()
        .anyMatch(
            o ->
                !o.replicaSet().equals(s.replicaSet())
                    && Duration.between(o.at(), s.at()).abs().compareTo(SAME_TIME) <= 0);
  }

  private static Optional<Write> closest(List<Write> writes, Instant at) {
    return writes.stream()
        .filter(w -> Duration.between(w.at(), at).abs().compareTo(WHO_SLACK) <= 0)
        .min(Comparator.comparing(w -> Duration.between(w.at(), at).abs()));
  }

  private record Scaled(String replicaSet, int from, int to, Instant at) {}
}
