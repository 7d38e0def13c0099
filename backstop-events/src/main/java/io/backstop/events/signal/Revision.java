package io.backstop.events.signal;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.backstop.events.Require;
import java.time.Instant;
import java.util.List;

/**
 * One revision of a Deployment, read from its ReplicaSet: revision number, image, git SHA (from the
 * image tag or the {@code backstop.io/git-sha} annotation) and whether that SHA is its own or
 * inherited from the revision before, the pod-template hash that names the revision when it has no
 * SHA of its own, when it rolled out, the change cause, whether it is the current one, how it ran
 * and why triage judged so.
 *
 * <p>{@code missingConfig} names the Secrets and ConfigMaps its pod template references that do not
 * exist now (deleted or renamed since it ran: its pods would stop at CreateContainerConfigError);
 * {@code unverifiedConfig} those whose existence triage could not read (the list failed, was cut
 * short or was turned off). A reference marked optional in the template is neither. Both are
 * omitted when empty; a document written before triage checked them has neither.
 *
 * <p>{@code schemaMigration} says, when its pod template runs a database schema migration at
 * rollout, how triage knows (an init container running a known migration tool, or the owner's
 * annotation {@code backstop.io/schema-migration: "true"}); null when it does not (absent in older
 * documents: null). A rollback to a revision older than one that migrated may run old code against
 * a schema it no longer matches.
 *
 * <p>A revision read from an older contract has no origin: a SHA is then taken as its own, as that
 * contract did.
 */
public record Revision(
    long revision,
    String image,
    String gitSha,
    Instant deployedAt,
    String changeCause,
    boolean current,
    RevisionHealth health,
    ShaOrigin shaOrigin,
    String podTemplateHash,
    String healthReason,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<ConfigRef> missingConfig,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<ConfigRef> unverifiedConfig,
    String schemaMigration) {

  public Revision {
    if (revision < 1) {
      throw new Require.InvalidFieldException("revision", "must be >= 1, but was " + revision);
    }
    Require.text(image, "image");
    Require.present(deployedAt, "deployedAt");
    health = health == null ? RevisionHealth.UNKNOWN : health;
    gitSha = gitSha == null || gitSha.isBlank() ? null : gitSha;
    if (gitSha == null) {
      shaOrigin = ShaOrigin.NONE;
    } else if (shaOrigin == null || shaOrigin == ShaOrigin.NONE) {
      shaOrigin = ShaOrigin.OWN;
    }
    podTemplateHash = podTemplateHash == null || podTemplateHash.isBlank() ? null : podTemplateHash;
    healthReason = healthReason == null ? "" : healthReason;
    missingConfig = missingConfig == null ? List.of() : List.copyOf(missingConfig);
    unverifiedConfig = unverifiedConfig == null ? List.of() : List.copyOf(unverifiedConfig);
    schemaMigration = schemaMigration == null || schemaMigration.isBlank() ? null : schemaMigration;
  }

  /** A revision not known to run a schema migration. */
  public Revision(
      long revision,
      String image,
      String gitSha,
      Instant deployedAt,
      String changeCause,
      boolean current,
      RevisionHealth health,
      ShaOrigin shaOrigin,
      String podTemplateHash,
      String healthReason,
      List<ConfigRef> missingConfig,
      List<ConfigRef> unverifiedConfig) {
    this(
        revision,
        image,
        gitSha,
        deployedAt,
        changeCause,
        current,
        health,
        shaOrigin,
        podTemplateHash,
        healthReason,
        missingConfig,
        unverifiedConfig,
        null);
  }

  /** A revision whose referenced config was not checked (none recorded missing or unverified). */
  public Revision(
      long revision,
      String image,
      String gitSha,
      Instant deployedAt,
      String changeCause,
      boolean current,
      RevisionHealth health,
      ShaOrigin shaOrigin,
      String podTemplateHash,
      String healthReason) {
    this(
        revision,
        image,
        gitSha,
        deployedAt,
        changeCause,
        current,
        health,
        shaOrigin,
        podTemplateHash,
        healthReason,
        List.of(),
        List.of());
  }

  /** A revision whose SHA, when present, is its own; no template hash or health reason recorded. */
  public Revision(
      long revision,
      String image,
      String gitSha,
      Instant deployedAt,
      String changeCause,
      boolean current,
      RevisionHealth health) {
    this(revision, image, gitSha, deployedAt, changeCause, current, health, null, null, null);
  }

  /** Whether the SHA names this revision alone (it is its own, not inherited). */
  public boolean ownsSha() {
    return shaOrigin == ShaOrigin.OWN;
  }

  public Revision withHealth(RevisionHealth newHealth, String reason) {
    return new Revision(
        revision,
        image,
        gitSha,
        deployedAt,
        changeCause,
        current,
        newHealth,
        shaOrigin,
        podTemplateHash,
        reason,
        missingConfig,
        unverifiedConfig,
        schemaMigration);
  }

  /** This revision with the referenced config found missing and the config not verified. */
  public Revision withConfig(List<ConfigRef> missing, List<ConfigRef> unverified) {
    return new Revision(
        revision,
        image,
        gitSha,
        deployedAt,
        changeCause,
        current,
        health,
        shaOrigin,
        podTemplateHash,
        healthReason,
        missing,
        unverified,
        schemaMigration);
  }

  /** This revision with how triage knows its pod template runs a schema migration (null: none). */
  public Revision withSchemaMigration(String how) {
    return new Revision(
        revision,
        image,
        gitSha,
        deployedAt,
        changeCause,
        current,
        health,
        shaOrigin,
        podTemplateHash,
        healthReason,
        missingConfig,
        unverifiedConfig,
        how);
  }

  /** Whether its pod template runs a schema migration at rollout. */
  public boolean runsSchemaMigration() {
    return schemaMigration != null;
  }

  /** Whether every Secret and ConfigMap its template references is known to exist now. */
  public boolean configPresent() {
    return missingConfig.isEmpty() && unverifiedConfig.isEmpty();
  }
}
