package io.backstop.guardrail;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * guardrail-service settings. Thresholds, bounds and budgets are NOT here: they live in the policy
 * file, the one file guardrail and executor both judge by, so the two can never disagree.
 *
 * @param policyFile a policy file overriding the default shipped in backstop-safety; blank =
 *     default
 * @param adminToken the bearer token of the admin endpoints (env {@code
 *     BACKSTOP_GUARDRAIL_ADMIN_TOKEN}); none configured = every admin request is refused
 * @param replayOnStart rebuild budget and breaker state from the audit topic before consuming
 * @param replayTimeout how long the replay may take before startup fails
 * @param signing the key the guardrail signs approvals and breaker resets with
 * @param approval how people's decisions on pending approvals are taken
 * @param followInterval how often the audit is read for what other instances of the group decided
 *     (a breaker reset taken by another instance counts here within this time; default 1 s)
 */
@Validated
@ConfigurationProperties("backstop.guardrail")
public record GuardrailProperties(
    String policyFile,
    String adminToken,
    @DefaultValue("true") boolean replayOnStart,
    @NotNull @DefaultValue("PT30S") Duration replayTimeout,
    Signing signing,
    Approval approval,
    Duration followInterval) {

  /**
   * How people's decisions are taken: {@code sweepInterval} how often lapsed approvals are expired;
   * {@code approvers} the principals allowed to approve (names as the console authenticates them;
   * empty: any person the console authenticated with the approver role).
   */
  public record Approval(Duration sweepInterval, java.util.List<String> approvers) {

    public Approval {
      sweepInterval = sweepInterval == null ? Duration.ofSeconds(1) : sweepInterval;
      if (sweepInterval.isNegative() || sweepInterval.isZero()) {
        throw new IllegalArgumentException(
            "backstop.guardrail.approval.sweep-interval must be positive, but was "
                + sweepInterval);
      }
      approvers = approvers == null ? java.util.List.of() : java.util.List.copyOf(approvers);
    }
  }

  /**
   * The guardrail's Ed25519 signing key: a PKCS#8 PEM file ({@code privateKeyFile}, env {@code
   * BACKSTOP_GUARDRAIL_SIGNING_KEY_FILE}) or the PEM text itself ({@code privateKey}, env {@code
   * BACKSTOP_GUARDRAIL_SIGNING_KEY}); one is required. {@code previousPublicKeys}: during a
   * rotation, the public keys (PEM text or file paths) of earlier keys whose signatures on the
   * audit log are still honoured on replay.
   */
  public record Signing(
      String privateKeyFile, String privateKey, java.util.List<String> previousPublicKeys) {

    public Signing {
      previousPublicKeys = previousPublicKeys == null ? java.util.List.of() : previousPublicKeys;
    }

    @Override
    public String toString() {
      return "Signing[privateKeyFile="
          + privateKeyFile
          + ", privateKey="
          + (privateKey == null || privateKey.isBlank() ? "(none)" : "(set, not shown)")
          + ", previousPublicKeys="
          + previousPublicKeys.size()
          + "]";
    }
  }

  /** Settings without approval settings: the defaults. */
  public GuardrailProperties(
      String policyFile,
      String adminToken,
      boolean replayOnStart,
      Duration replayTimeout,
      Signing signing) {
    this(policyFile, adminToken, replayOnStart, replayTimeout, signing, null, null);
  }

  /** Settings with approval settings and the default follow interval. */
  public GuardrailProperties(
      String policyFile,
      String adminToken,
      boolean replayOnStart,
      Duration replayTimeout,
      Signing signing,
      Approval approval) {
    this(policyFile, adminToken, replayOnStart, replayTimeout, signing, approval, null);
  }

  @ConstructorBinding
  public GuardrailProperties {
    approval = approval == null ? new Approval(null, null) : approval;
    followInterval = followInterval == null ? Duration.ofSeconds(1) : followInterval;
    if (followInterval.isNegative() || followInterval.isZero()) {
      throw new IllegalArgumentException(
          "backstop.guardrail.follow-interval must be positive, but was " + followInterval);
    }
    if (replayTimeout != null && (replayTimeout.isNegative() || replayTimeout.isZero())) {
      throw new IllegalArgumentException(
          "backstop.guardrail.replay-timeout must be positive, but was " + replayTimeout);
    }
    if (adminToken != null && !adminToken.isBlank() && adminToken.strip().length() < 16) {
      throw new IllegalArgumentException(
          "backstop.guardrail.admin-token must be at least 16 characters, but was "
              + adminToken.strip().length());
    }
  }

  public boolean hasAdminToken() {
    return adminToken != null && !adminToken.isBlank();
  }
}
