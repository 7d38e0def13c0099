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
 * <p>{@code pods} is how many pods its ReplicaSet is set to run now and how many are ready (null
 * when not read, as in older documents): an older revision still running pods while the current one
 * runs fewer than desired is a rollout still under way.
 *
 * <p>A revision read from an older contract has no origin: a SHA is then taken as its own, as that
 * contract did.
 *
 * <p>The record has one constructor, the canonical one (Jackson reads through it). Code builds a
 * revision with {@link #builder()} and copies one with {@link #toBuilder()} or a {@code with...}
 * method, never by listing the components again: a component added later is then carried by every
 * copy, and RevisionTest fails until the builder knows it.
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
    String schemaMigration,
    @JsonInclude(JsonInclude.Include.NON_NULL) RevisionPods pods) {

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

  /** A revision to build, every component at its default until set. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder holding every component of this revision: the one way to copy a revision with some
   * components changed, so a component added to the record is carried by every copy once the
   * builder knows it (RevisionTest reflects over the components to hold the two in step).
   */
  public Builder toBuilder() {
    return new Builder()
        .revision(revision)
        .image(image)
        .gitSha(gitSha)
        .deployedAt(deployedAt)
        .changeCause(changeCause)
        .current(current)
        .health(health)
        .shaOrigin(shaOrigin)
        .podTemplateHash(podTemplateHash)
        .healthReason(healthReason)
        .missingConfig(missingConfig)
        .unverifiedConfig(unverifiedConfig)
        .schemaMigration(schemaMigration)
        .pods(pods);
  }

  /** Whether the SHA names this revision alone (it is its own, not inherited). */
  public boolean ownsSha() {
    return shaOrigin == ShaOrigin.OWN;
  }

  /** This revision as triage judged it: its health and why. */
  public Revision withHealth(RevisionHealth newHealth, String reason) {
    return toBuilder().health(newHealth).healthReason(reason).build();
  }

  /** This revision with the referenced config found missing and the config not verified. */
  public Revision withConfig(List<ConfigRef> missing, List<ConfigRef> unverified) {
    return toBuilder().missingConfig(missing).unverifiedConfig(unverified).build();
  }

  /** This revision with how triage knows its pod template runs a schema migration (null: none). */
  public Revision withSchemaMigration(String how) {
    return toBuilder().schemaMigration(how).build();
  }

  /** Whether its pod template runs a schema migration at rollout. */
  public boolean runsSchemaMigration() {
    return schemaMigration != null;
  }

  /** Whether every Secret and ConfigMap its template references is known to exist now. */
  public boolean configPresent() {
    return missingConfig.isEmpty() && unverifiedConfig.isEmpty();
  }

  /**
   * Builds a {@link Revision} through its canonical constructor (which validates and normalises):
   * {@code revision}, {@code image} and {@code deployedAt} are required; the rest default as the
   * record does (no SHA, health UNKNOWN, no template hash, no reason, no config findings, no schema
   * migration). A SHA without an origin is the revision's own.
   */
  public static final class Builder {
    private long revision;
    private String image;
    private String gitSha;
    private Instant deployedAt;
    private String changeCause;
    private boolean current;
    private RevisionHealth health;
    private ShaOrigin shaOrigin;
    private String podTemplateHash;
    private String healthReason;
    private List<ConfigRef> missingConfig;
    private List<ConfigRef> unverifiedConfig;
    private String schemaMigration;
    private RevisionPods pods;

    private Builder() {}

    public Builder revision(long revision) {
      this.revision = revision;
      return this;
    }

    public Builder image(String image) {
      this.image = image;
      return this;
    }

    public Builder gitSha(String gitSha) {
      this.gitSha = gitSha;
      return this;
    }

    public Builder deployedAt(Instant deployedAt) {
      this.deployedAt = deployedAt;
      return this;
    }

    public Builder changeCause(String changeCause) {
      this.changeCause = changeCause;
      return this;
    }

    public Builder current(boolean current) {
      this.current = current;
      return this;
    }

    public Builder health(RevisionHealth health) {
      this.health = health;
      return this;
    }

    public Builder shaOrigin(ShaOrigin shaOrigin) {
      this.shaOrigin = shaOrigin;
      return this;
    }

    public Builder podTemplateHash(String podTemplateHash) {
      this.podTemplateHash = podTemplateHash;
      return this;
    }

    public Builder healthReason(String healthReason) {
      this.healthReason = healthReason;
      return this;
    }

    public Builder missingConfig(List<ConfigRef> missingConfig) {
      this.missingConfig = missingConfig;
      return this;
    }

    public Builder unverifiedConfig(List<ConfigRef> unverifiedConfig) {
      this.unverifiedConfig = unverifiedConfig;
      return this;
    }

    public Builder schemaMigration(String schemaMigration) {
      this.schemaMigration = schemaMigration;
      return this;
    }

    public Builder pods(RevisionPods pods) {
      this.pods = pods;
      return this;
    }

    public Revision build() {
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
          schemaMigration,
          pods);
    }
  }
}
