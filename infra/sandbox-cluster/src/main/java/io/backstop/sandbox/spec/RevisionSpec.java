package io.backstop.sandbox.spec;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One revision of a Deployment's rollout history: number, image, git SHA ("" when the image has no
 * known build), how long before the sandbox starts it rolled out, its change cause, the env vars it
 * sets on the container ({@code kubectl set env}), and how its pods behave when that is not what
 * its image's profile says ({@code null}: the image's profile).
 */
public record RevisionSpec(
    long revision,
    String image,
    String gitSha,
    Duration deployedAgo,
    String changeCause,
    Map<String, String> env,
    Health profile) {

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
    env = env == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(env));
  }

  public RevisionSpec(
      long revision, String image, String gitSha, Duration deployedAgo, String changeCause) {
    this(revision, image, gitSha, deployedAgo, changeCause, null, null);
  }
}
