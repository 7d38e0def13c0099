package io.backstop.eval.corpus;

import io.backstop.events.signal.RevisionPods;
import java.time.Duration;
import java.util.List;

/**
 * One revision of a Deployment's history. {@code image} defaults to {@code
 * registry.local/<namespace>/<name>:<first 12 of the SHA>}; {@code shaOrigin} to OWN when a SHA is
 * given; {@code health} to UNKNOWN. {@code missingConfig} names the Secrets and ConfigMaps its
 * template references that do not exist now, {@code unverifiedConfig} those triage could not check,
 * each as {@code secret/<name>} or {@code configmap/<name>}. {@code schemaMigration} says how
 * triage knows the revision's pod template runs a schema migration (e.g. {@code "init container
 * db-migrate: flyway"}), absent when it does not. {@code pods} ({@code desired}, {@code ready}) is
 * how many pods its ReplicaSet runs now, as triage reads it; absent when the case does not say.
 */
public record RevisionSpec(
    long revision,
    String image,
    String sha,
    String shaOrigin,
    String templateHash,
    Duration ago,
    String cause,
    Boolean current,
    String health,
    String healthReason,
    List<String> missingConfig,
    List<String> unverifiedConfig,
    String schemaMigration,
    RevisionPods pods) {

  public RevisionSpec {
    missingConfig = missingConfig == null ? List.of() : List.copyOf(missingConfig);
    unverifiedConfig = unverifiedConfig == null ? List.of() : List.copyOf(unverifiedConfig);
  }
}
