package io.backstop.events.signal;

/**
 * Whether a revision's git SHA is its own. {@code kubectl set env}, {@code edit} or {@code patch}
 * make revisions that keep the image (and often the SHA annotation) of the one before: their SHA is
 * INHERITED and names the build, not the revision. NONE: no SHA at all.
 */
public enum ShaOrigin {
  OWN,
  INHERITED,
  NONE
}
