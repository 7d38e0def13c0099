package io.backstop.sandbox.spec;

import java.time.Duration;

/**
 * One revision of a Deployment's rollout history: number, image, git SHA, how long before the
 * sandbox starts it rolled out, and its change cause.
 */
public record RevisionSpec(
    long revision, String image, String gitSha, Duration deployedAgo, String changeCause) {

  public RevisionSpec {
    if (revision < 1) {
      throw new IllegalArgumentException("revision must be >= 1, but was " + revision);
    }
    if (image == null || image.isBlank()) {
      throw new IllegalArgumentException("revision " + revision + " needs an image");
    }
    gitSha = gitSha == null ? "" : gitSha;
    deployedAgo = deployedAgo == null ? Duration.ZERO : deployedAgo;
    changeCause = changeCause == null ? "" : changeCause;
  }
}
