package io.backstop.diagnosis;

import io.backstop.events.diagnosis.ModelTier;
import java.time.Duration;
import java.util.Objects;

/**
 * One model target of the gateway: its name on the record, the model it asks for, its tier and
 * priority (lower is tried first), how long one call may take, what it costs, and whether it
 * supports native structured output ({@code response_format} with a JSON schema).
 */
public record TargetSpec(
    String name,
    String model,
    ModelTier tier,
    int priority,
    Duration timeout,
    Pricing pricing,
    boolean structuredOutput) {

  public TargetSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(tier, "tier");
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(pricing, "pricing");
  }
}
