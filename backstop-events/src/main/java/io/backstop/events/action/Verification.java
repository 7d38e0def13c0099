package io.backstop.events.action;

import io.backstop.events.Require;
import java.time.Instant;
import java.util.List;

/** What the executor observed after its write, as plain lines of evidence, and when. */
public record Verification(
    Instant startedAt,
    Instant finishedAt,
    boolean rolloutComplete,
    int readyReplicas,
    Double errorRatio,
    List<String> observations) {

  public Verification {
    Require.present(startedAt, "verification.startedAt");
    Require.present(finishedAt, "verification.finishedAt");
    observations = Require.list(observations);
  }
}
