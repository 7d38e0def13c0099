package io.backstop.events.signal;

import io.backstop.events.Require;
import java.time.Instant;
import java.util.List;

/**
 * One build (a git SHA, or a version tag when there is no SHA) that is the current revision of
 * several Deployments at once: a coordinated release. Rolling back one leg of it leaves the others
 * on the build the rolled-back one no longer speaks to. {@code since} is when the first leg rolled
 * out.
 */
public record ReleaseTrain(String build, List<WorkloadRef> deployments, Instant since) {

  public ReleaseTrain {
    Require.text(build, "releaseTrain.build");
    deployments = Require.list(deployments);
    if (deployments.size() < 2) {
      throw new Require.InvalidFieldException(
          "releaseTrain.deployments", "a release train has at least two Deployments");
    }
  }

  public boolean includes(WorkloadRef deployment) {
    return deployments.contains(deployment);
  }
}
