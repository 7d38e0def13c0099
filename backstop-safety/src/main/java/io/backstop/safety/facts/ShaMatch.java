package io.backstop.safety.facts;

import io.backstop.events.signal.Revision;
import io.backstop.events.signal.RolloutHistory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The one SHA rule of the project: when two texts name the same commit, and which revision of a
 * history a model-written SHA names. Safety rationale: only hex of at least 7 characters counts, on
 * both sides; two texts name the same commit when the shorter is a prefix of the longer (a
 * ReplicaSet may carry a full SHA in its annotation or a short one as its image tag, and a model
 * may write either); a text names a revision of a history only when every revision it matches has
 * the same SHA, so a short, ambiguous or non-hex text never grounds anything. The guardrail's
 * grounding, the rollback target and the executor's precondition check all use this rule.
 */
public final class ShaMatch {

  private ShaMatch() {}

  /** The lower-case SHA text, or empty when it is not 7..64 hex characters. */
  public static Optional<String> normalise(String raw) {
    if (raw == null) {
      return Optional.empty();
    }
    String sha = raw.strip().toLowerCase(Locale.ROOT);
    return isHex(sha) ? Optional.of(sha) : Optional.empty();
  }

  /** 7 to 64 characters of lower-case hex ({@code [0-9a-f]{7,64}}, checked without a regex). */
  private static boolean isHex(String text) {
    int length = text.length();
    if (length < 7 || length > 64) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      char c = text.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether two SHA texts name the same commit: both are 7..64 hex characters (any case, outer
   * blanks ignored) and the shorter is a prefix of the longer. Read in place (every review compares
   * each revision's SHA): the same answer as comparing the two {@link #normalise}d texts, since
   * only {@code A-F} lower-case to hex letters.
   */
  public static boolean sameCommit(String one, String other) {
    if (one == null || other == null) {
      return false;
    }
    int oneStart = firstNonBlank(one);
    int oneEnd = endNonBlank(one, oneStart);
    int otherStart = firstNonBlank(other);
    int otherEnd = endNonBlank(other, otherStart);
    if (!isHex(one, oneStart, oneEnd) || !isHex(other, otherStart, otherEnd)) {
      return false;
    }
    int shorter = Math.min(oneEnd - oneStart, otherEnd - otherStart);
    for (int i = 0; i < shorter; i++) {
      if ((one.charAt(oneStart + i) | 0x20) != (other.charAt(otherStart + i) | 0x20)) {
        return false;
      }
    }
    return true;
  }

  /** Hex of 7..64 characters, either case, between {@code start} and {@code end}. */
  private static boolean isHex(String text, int start, int end) {
    int length = end - start;
    if (length < 7 || length > 64) {
      return false;
    }
    for (int i = start; i < end; i++) {
      char c = text.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
        return false;
      }
    }
    return true;
  }

  /** Where {@link String#strip} would start. */
  private static int firstNonBlank(String text) {
    int start = 0;
    while (start < text.length() && Character.isWhitespace(text.charAt(start))) {
      start++;
    }
    return start;
  }

  /** Where {@link String#strip} would end. */
  private static int endNonBlank(String text, int start) {
    int end = text.length();
    while (end > start && Character.isWhitespace(text.charAt(end - 1))) {
      end--;
    }
    return end;
  }

  /** Revisions whose SHA names the same commit as the given text. */
  public static List<Revision> matches(RolloutHistory history, String sha) {
    List<Revision> matches = new ArrayList<>(2);
    for (Revision r : history.revisions()) {
      if (sameCommit(r.gitSha(), sha)) {
        matches.add(r);
      }
    }
    return Collections.unmodifiableList(matches);
  }

  /** Whether the matches name more than one distinct SHA. */
  public static boolean ambiguous(List<Revision> matches) {
    if (matches.size() < 2) {
      return false;
    }
    String first = matches.get(0).gitSha().toLowerCase(Locale.ROOT);
    for (int i = 1; i < matches.size(); i++) {
      if (!first.equals(matches.get(i).gitSha().toLowerCase(Locale.ROOT))) {
        return true;
      }
    }
    return false;
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
