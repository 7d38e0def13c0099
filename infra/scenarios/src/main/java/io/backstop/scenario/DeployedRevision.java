package io.backstop.scenario;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * One revision of a Deployment's rollout history: number, image, the full git SHA it was built from
 * (absent for an image with no known build), how long before the scenario starts it rolled out, its
 * change cause, and env vars it adds to the container ({@code kubectl set env}: a revision that
 * keeps the image and SHA of the one before and changes only its env). A faulty revision that rolls
 * out during the run ({@code fault.kind: rollout} with {@code after > 0}) has {@code deployedAgo}
 * zero: it rolls out at {@code fault.after}.
 */
public record DeployedRevision(
    long revision,
    String image,
    String gitSha,
    Duration deployedAgo,
    String changeCause,
    Map<String, String> env) {

  public DeployedRevision {
    changeCause = changeCause == null ? "" : changeCause;
    gitSha = gitSha == null ? "" : gitSha;
    env =
        env == null
            ? Map.of()
            : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(env));
  }

  public DeployedRevision(
      long revision, String image, String gitSha, Duration deployedAgo, String changeCause) {
    this(revision, image, gitSha, deployedAgo, changeCause, null);
  }

  /** When this revision rolled out, for a scenario started at {@code start}. */
  public Instant deployedAt(Instant start) {
    return start.minus(deployedAgo);
  }

  /** The 12-character SHA prefix images are tagged with ("" without a SHA). */
  public String shortSha() {
    return gitSha.substring(0, Math.min(12, gitSha.length()));
  }
}
