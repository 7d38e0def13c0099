package io.backstop.scenario;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One revision of a Deployment's rollout history: number, image, the full git SHA it was built
 * from, how long before the scenario starts it rolled out, its change cause, env vars it sets on
 * the container, and how its pods behave when that differs from its image's profile. A config-only
 * revision ({@code kubectl set env}) keeps the image and SHA of the revision before it and changes
 * only {@code env}: its {@code profile} says what the new setting does to a healthy image. A faulty
 * revision that rolls out during the run ({@code fault.kind: rollout} with {@code after > 0}) has
 * {@code deployedAgo} zero: it rolls out at {@code fault.after}.
 */
public record DeployedRevision(
    long revision,
    String image,
    String gitSha,
    Duration deployedAgo,
    String changeCause,
    Map<String, String> env,
    HealthProfile profile) {

  public DeployedRevision {
    changeCause = changeCause == null ? "" : changeCause;
    gitSha = gitSha == null ? "" : gitSha;
    env = env == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(env));
  }

  public DeployedRevision(
      long revision, String image, String gitSha, Duration deployedAgo, String changeCause) {
    this(revision, image, gitSha, deployedAgo, changeCause, null, null);
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
