package io.backstop.events.diagnosis;

/**
 * Which tier answered. Autonomy follows the tier: a FALLBACK or OFFLINE answer must clear stricter
 * thresholds before any write; STRONG is the re-route tier after a rejection.
 */
public enum ModelTier {
  PRIMARY,
  FALLBACK,
  STRONG,
  OFFLINE
}
