package io.backstop.executor;

import java.util.Locale;

/**
 * Whether the SHA a ReplicaSet carries is the SHA an approval names. The observed value is a full
 * SHA (from the {@code backstop.io/git-sha} annotation) or an image tag, which may be a prefix of
 * 7+ hex characters; anything shorter, blank or non-hex never matches.
 */
public final class ShaMatch {

  private static final int MIN_PREFIX = 7;

  private ShaMatch() {}

  public static boolean matches(String observed, String expected) {
    if (observed == null || expected == null) {
      return false;
    }
    String seen = observed.strip().toLowerCase(Locale.ROOT);
    String want = expected.strip().toLowerCase(Locale.ROOT);
    if (seen.length() < MIN_PREFIX || want.length() < MIN_PREFIX) {
      return false;
    }
    if (!seen.matches("[0-9a-f]+") || !want.matches("[0-9a-f]+")) {
      return false;
    }
    return seen.startsWith(want) || want.startsWith(seen);
  }

  /** The tag of an image reference ({@code registry/app:tag}), or empty when it has none. */
  public static String imageTag(String image) {
    if (image == null) {
      return "";
    }
    String ref = image.contains("@") ? image.substring(0, image.indexOf('@')) : image;
    int slash = ref.lastIndexOf('/');
    int colon = ref.lastIndexOf(':');
    return colon > slash ? ref.substring(colon + 1) : "";
  }
}
