package io.backstop.guardrail;

import static org.assertj.core.api.Assertions.assertThat;

import io.backstop.safety.policy.PolicyBook;
import io.backstop.safety.policy.PolicyFileException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** The guardrail's safety context refuses to start on a policy file that does not compile. */
class BadPolicyFileIntegrationTest {

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner().withUserConfiguration(SafetyContext.class);

  @Test
  void aPolicyThatDoesNotCompileStopsTheServiceNamingThePolicy(@TempDir Path dir)
      throws IOException {
    Path file = dir.resolve("policies.yaml");
    Files.writeString(
        file,
        defaultPolicies()
            .replace("expression: action.supported", "expression: action.supported &&"));

    runner
        .withPropertyValues("backstop.guardrail.policy-file=" + file)
        .run(
            context -> {
              assertThat(context).hasFailed();
              assertThat(context.getStartupFailure())
                  .rootCause()
                  .isInstanceOf(PolicyFileException.class)
                  .hasMessageContaining("quality.action-supported")
                  .hasMessageContaining("does not compile");
            });
  }

  @Test
  void theDefaultPolicyFileStarts() {
    runner.run(context -> assertThat(context).hasNotFailed());
  }

  private static String defaultPolicies() throws IOException {
    try (InputStream in = PolicyBook.class.getResourceAsStream(PolicyBook.DEFAULT_RESOURCE)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties(GuardrailProperties.class)
  static class SafetyContext extends GuardrailConfiguration {}
}
