package io.backstop.executor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ExecutorPropertiesTest {

  @Test
  void aVerificationWindowLongerThanTheConsumerCanWaitIsRejectedNamingTheValue() {
    assertThatThrownBy(() -> new ExecutorProperties.Verification(Duration.ofMinutes(10), null, 0))
        .hasMessageContaining("verification.timeout")
        .hasMessageContaining("PT10M");
  }

  @Test
  void aPollIntervalLongerThanTheWindowIsRejected() {
    assertThatThrownBy(
            () ->
                new ExecutorProperties.Verification(
                    Duration.ofSeconds(5), Duration.ofSeconds(6), 2))
        .hasMessageContaining("pollInterval")
        .hasMessageContaining("PT6S");
  }

  @Test
  void anErrorThresholdOutsideZeroToOneIsRejected() {
    assertThatThrownBy(() -> new ExecutorProperties.Prometheus("http://p", null, 1.5, null))
        .hasMessageContaining("but was 1.5");
  }

  @Test
  void theWindowIsBoundedToAWholeNumberOfPolls() {
    var v = new ExecutorProperties.Verification(Duration.ofSeconds(10), Duration.ofSeconds(3), 2);
    assertThat(v.maxPolls()).isEqualTo(3);
  }

  @Test
  void theTokenNeverAppearsInTheConfigurationsText() {
    var k = new ExecutorProperties.Kubernetes("https://api", "s3cr3t-token", null, false);
    assertThat(k.toString()).doesNotContain("s3cr3t-token").contains("***");
  }
}
