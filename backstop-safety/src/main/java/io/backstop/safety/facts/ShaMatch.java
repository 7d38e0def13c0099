package io.backstop.safety.facts;

import io.backstop.events.signal.Revision;
import io.backstop.events.signal.RolloutHistory;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Finds the revision a model-written SHA names. Safety rationale: only hex of at least 7 characters
 * counts; a prefix must name exactly one distinct SHA of the history, so a short or ambiguous
 * prefix never grounds anything.
 */
public final class ShaMatch {

  private static final Pattern HEX = Pattern.compile("[0-9a-f]{7,64}");

  private ShaMatch() {}

  /** The lower-case SHA text, or empty when it is not 7..64 hex characters. */
  public static Optional<String> normalise(String raw) {
    if (raw == null) {
      return Optional.empty();
    }
    String sha = raw.strip().toLowerCase(Locale.ROOT);
    return HEX.matcher(sha).matches() ? Optional.of(sha) : Optional.empty();
  }

  /** Revisions whose SHA equals or starts with the given (normalised) SHA. */
  public static List<Revision> matches(RolloutHistory history, String sha) {
    return history.revisions().stream()
        .filter(r -> r.gitSha() != null && r.gitSha().toLowerCase(Locale.ROOT).startsWith(sha))
        .toList();
  }

  /** Whether the matches name more than one distinct SHA. */
  public static boolean ambiguous(List<Revision> matches) {
    return matches.stream().map(r -> r.gitSha().toLowerCase(Locale.ROOT)).distinct().count() > 1;
  }

  /** The single revision the SHA names (the latest, if that SHA was deployed more than once). */
  public static Optional<Revision> unique(RolloutHistory history, String sha) {
    List<Revision> matches = matches(history, sha);
    if (matches.isEmpty() || ambiguous(matches)) {
      return Optional.empty();
    }
    return Optional.of(matches.get(matches.size() - 1));
  }
}
