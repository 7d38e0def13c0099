package io.backstop.triage.findings;

import io.backstop.events.signal.Revision;
import io.backstop.events.signal.WorkloadRef;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Builds that are the current revision of several Deployments at once: the same git SHA (a monorepo
 * release, one image or several), or the same release version tag on different images ({@code
 * v2.4.1}); a shared third-party image ({@code redis:7.2} run by two Deployments) is not a release.
 * {@code since} is when the first leg rolled the build out.
 */
public final class ReleaseTrains {

  private static final Pattern VERSION =
      Pattern.compile("v?\\d+\\.\\d+(?:\\.\\d+)?(?:[-+][\\w.]+)?");

  private ReleaseTrains() {}

  /** One train with the text of its evidence item. */
  public record Found(String build, List<WorkloadRef> deployments, Instant since, String text) {}

  /** The trains among the Deployments' current revisions. */
  public static List<Found> of(Map<WorkloadRef, Revision> current) {
    Map<String, List<Map.Entry<WorkloadRef, Revision>>> byBuild = new LinkedHashMap<>();
    for (var e : current.entrySet()) {
      build(e.getValue()).ifPresent(b -> byBuild.computeIfAbsent(b, k -> new ArrayList<>()).add(e));
    }
    List<Found> out = new ArrayList<>();
    for (var group : byBuild.entrySet()) {
      List<Map.Entry<WorkloadRef, Revision>> legs = group.getValue();
      long images = legs.stream().map(l -> repository(l.getValue().image())).distinct().count();
      boolean bySha = legs.get(0).getValue().gitSha() != null;
      if (legs.size() < 2 || (!bySha && images < 2)) {
        continue;
      }
      List<Map.Entry<WorkloadRef, Revision>> sorted =
          legs.stream()
              .sorted(
                  Comparator.comparing(
                      (Map.Entry<WorkloadRef, Revision> l) -> l.getValue().deployedAt()))
              .toList();
      Instant since = sorted.get(0).getValue().deployedAt();
      List<WorkloadRef> deployments =
          legs.stream()
              .map(Map.Entry::getKey)
              .sorted(Comparator.comparing(WorkloadRef::name))
              .toList();
      List<String> parts = new ArrayList<>();
      for (var l : sorted) {
        parts.add(
            l.getKey().namespace()
                + "/"
                + l.getKey().name()
                + " revision "
                + l.getValue().revision()
                + " since "
                + l.getValue().deployedAt());
      }
      String text =
          "release train: build "
              + group.getKey()
              + " is the current revision of "
              + legs.size()
              + " Deployments: "
              + String.join(", ", parts)
              + "; rolling back one leg leaves the others on this build";
      out.add(new Found(group.getKey(), deployments, since, text));
    }
    return List.copyOf(out);
  }

  /** The build a revision runs: its SHA (first 12 characters), else a release version tag. */
  static Optional<String> build(Revision r) {
    if (r.gitSha() != null && r.gitSha().length() >= 7) {
      return Optional.of(r.gitSha().substring(0, Math.min(12, r.gitSha().length())));
    }
    String tag = tag(r.image());
    return VERSION.matcher(tag).matches() ? Optional.of(tag) : Optional.empty();
  }

  private static String tag(String image) {
    int slash = image.lastIndexOf('/');
    int colon = image.lastIndexOf(':');
    return colon > slash ? image.substring(colon + 1) : "";
  }

  private static String repository(String image) {
    int at = image.indexOf('@');
    String noDigest = at >= 0 ? image.substring(0, at) : image;
    int slash = noDigest.lastIndexOf('/');
    int colon = noDigest.lastIndexOf(':');
    return colon > slash ? noDigest.substring(0, colon) : noDigest;
  }
}
