package io.backstop.events.signal;

import io.backstop.events.Require;
import java.time.Instant;

/**
 * One revision of a Deployment, read from its ReplicaSet: revision number, image, git SHA (from the
 * image tag or the {@code backstop.io/git-sha} annotation), when it rolled out, the change cause,
 * whether it is the current one, and how it ran.
 */
public record Revision(
    long revision,
    String image,
    String gitSha,
    Instant deployedAt,
    String changeCause,
    boolean current,
    RevisionHealth health) {

  public Revision {
    if (revision < 1) {
      throw new Require.InvalidFieldException("revision", "must be >= 1, but was " + revision);
    }
    Require.text(image, "image");
    Require.present(deployedAt, "deployedAt");
    health = health == null ? RevisionHealth.UNKNOWN : health;
  }
}
