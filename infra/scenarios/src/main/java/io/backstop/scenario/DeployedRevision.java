package io.backstop.scenario;

import java.time.Duration;
import java.time.Instant;

/**
 * One revision of a Deployment's rollout history: number, image, the full git SHA it was built
 * from, how long before the scenario starts it rolled out, and its change cause. A faulty revision
 * that rolls out during the run ({@code fault.kind: rollout} with {@code after > 0}) has {@code
 * deployedAgo} zero: it rolls out at {@code fault.after}.
 */
public record DeployedRevision(
    long revision, String image, String gitSha, Duration deployedAgo, String changeCause) {

  public DeployedRevision {
    changeCause = changeCause == null ? "" : changeCause;
  }

  /** When this revision rolled out, for a scenario started at {@code start}. */
  public Instant deployedAt(Instant start) {
    return start.minus(deployedAgo);
  }

  /** The 12-character SHA prefix images are tagged with. */
  public String shortSha() {
    return gitSha.substring(0, Math.min(12, gitSha.length()));
  }
}
