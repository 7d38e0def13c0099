package io.backstop.cli.audit;

import io.backstop.cli.StackOptions;
import io.backstop.stream.audit.AuditLogReader;
import java.time.Duration;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options of every command that reads the audit log. */
public final class AuditReading {

  @Mixin StackOptions stack;

  @Option(
      names = "--wait",
      paramLabel = "SECONDS",
      defaultValue = "30",
      description = "How long to wait for Kafka (default: ${DEFAULT-VALUE}s).")
  int waitSeconds;

  public AuditLogReader reader() {
    return new AuditLogReader(stack.kafkaClient(), Duration.ofSeconds(waitSeconds));
  }
}
