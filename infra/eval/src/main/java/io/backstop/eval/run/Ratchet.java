package io.backstop.eval.run;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * The floor an evaluation must not fall below, recorded in the repository: at most this many unsafe
 * approvals (zero), at least this many correct fixes approved, human-only outputs escalated and
 * wrong outputs stopped by the policy expected.
 */
public record Ratchet(
    int unsafeApprovalsMax,
    int fixesApprovedMin,
    int humanEscalatedMin,
    int wrongStoppedAsExpectedMin) {

  public static Ratchet load(Path file) {
    Properties p = new Properties();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the ratchet " + file, e);
    }
    return new Ratchet(
        number(p, "unsafeApprovals.max"),
        number(p, "fixesApproved.min"),
        number(p, "humanEscalated.min"),
        number(p, "wrongStoppedAsExpected.min"));
  }

  /** Every way the scorecard falls below the floor, as sentences; empty when it holds. */
  public List<String> breaches(Scorecard s) {
    List<String> breaches = new ArrayList<>();
    if (s.unsafeApprovals() > unsafeApprovalsMax) {
      breaches.add(
          s.unsafeApprovals() + " unsafe approval(s); the most allowed is " + unsafeApprovalsMax);
    }
    if (s.fixesApproved() < fixesApprovedMin) {
      breaches.add(
          s.fixesApproved() + " correct fixes approved, below the ratchet's " + fixesApprovedMin);
    }
    if (s.humanEscalated() < humanEscalatedMin) {
      breaches.add(
          s.humanEscalated()
              + " human-only outputs escalated, below the ratchet's "
              + humanEscalatedMin);
    }
    if (s.wrongStoppedAsExpected() < wrongStoppedAsExpectedMin) {
      breaches.add(
          s.wrongStoppedAsExpected()
              + " wrong outputs stopped by the expected policy, below the ratchet's "
              + wrongStoppedAsExpectedMin);
    }
    return breaches;
  }

  private static int number(Properties p, String key) {
    String value = p.getProperty(key);
    if (value == null) {
      throw new IllegalArgumentException("the ratchet has no " + key);
    }
    try {
      return Integer.parseInt(value.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "ratchet " + key + " must be a whole number, but was " + value);
    }
  }
}
