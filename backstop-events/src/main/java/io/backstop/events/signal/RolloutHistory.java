package io.backstop.events.signal;

import io.backstop.events.Require;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** The rollout history of one Deployment, oldest revision first. */
public record RolloutHistory(WorkloadRef deployment, List<Revision> revisions) {

  public RolloutHistory {
    Require.present(deployment, "deployment");
    revisions =
        Require.list(revisions).stream()
            .sorted(Comparator.comparingLong(Revision::revision))
            .toList();
  }

  public Optional<Revision> current() {
    for (Revision r : revisions) {
      if (r.current()) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }

  public Optional<Revision> revision(long number) {
    for (Revision r : revisions) {
      if (r.revision() == number) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }
}
