package io.backstop.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * values.schema.json and the chart's own checks refuse what must never be installed, each with a
 * message that names the value: a missing Secret, kube-system, root, a writable root filesystem, a
 * typo.
 */
class ChartValuesTest {

  @Test
  void refusesAnInstallWithoutTheGuardrailsSigningKeySecret() {
    assertThat(renderError("guardrail.signingKeySecret", ""))
        .contains("guardrail.signingKeySecret is required");
  }

  @Test
  void refusesSaslWithoutEachServicesPasswordSecret() {
    assertThat(renderError("kafka.external.saslSecrets.executor", ""))
        .contains("kafka.external.saslSecrets.executor is required");
  }

  @Test
  void refusesAGatewayUrlWithoutItsApiKeySecret() {
    assertThat(renderError("diagnosis.gateway.existingSecret", ""))
        .contains("diagnosis.gateway.existingSecret is required");
  }

  @Test
  void refusesAWritableRootFilesystemOrRootOrPrivilegeEscalation() {
    assertThat(renderError("containerSecurityContext.readOnlyRootFilesystem", false))
        .contains("readOnlyRootFilesystem");
    assertThat(renderError("podSecurityContext.runAsNonRoot", false)).contains("runAsNonRoot");
    assertThat(renderError("containerSecurityContext.allowPrivilegeEscalation", true))
        .contains("allowPrivilegeEscalation");
  }

  @Test
  void refusesAnUnknownValueSoATypoIsNeverSilentlyIgnored() {
    assertThat(renderError("executor.dryrun", true)).contains("dryrun");
  }

  @Test
  void refusesAnUnknownKafkaModeOrProtocol() {
    assertThat(renderError("kafka.mode", "embedded")).contains("/kafka/mode");
    assertThat(renderError("kafka.external.securityProtocol", "SASL_PLAIN"))
        .contains("securityProtocol");
  }

  @Test
  void rendersWithTheProductionLikeValuesAsGiven() {
    assertThat(Chart.render("external-kafka.yaml")).isNotEmpty();
  }

  /**
   * The message Helm fails with when {@code key} is set to {@code value} over external-kafka.yaml.
   */
  static String renderError(String key, Object value) {
    Throwable error =
        catchThrowable(
            () -> Chart.template(List.of(Chart.values("external-kafka.yaml")), Map.of(key, value)));
    assertThat(error).as("rendering with %s=%s must fail", key, value).isNotNull();
    return error.getMessage();
  }
}
