package io.backstop.events.action;

import io.backstop.events.Require;

/**
 * What the decision saw, which the executor must still find live before it writes: the current
 * revision, its git SHA and image, and the replica count. If the world moved, the write is refused.
 */
public record Preconditions(
    long currentRevision, String currentSha, String currentImage, int replicas) {

  public Preconditions {
    if (currentRevision < 1) {
      throw new Require.InvalidFieldException(
          "preconditions.currentRevision", "must be >= 1, but was " + currentRevision);
    }
    Require.text(currentImage, "preconditions.currentImage");
    Require.nonNegative(replicas, "preconditions.replicas");
  }
}
