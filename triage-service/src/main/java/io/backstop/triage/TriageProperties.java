package io.backstop.triage;

import io.backstop.triage.evidence.GatheringLimits;
import io.backstop.triage.incident.GroupingPolicy;
import io.backstop.triage.intake.IntakeLimits;
import io.backstop.triage.kubernetes.KubernetesAccess;
import io.backstop.triage.metrics.PrometheusSettings;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Everything triage-service can be told, under {@code backstop.triage}. Each nested record checks
 * its own values and names the bad one; the domain code receives the nested records, never this.
 */
@Validated
@ConfigurationProperties("backstop.triage")
public record TriageProperties(
    @Valid @NotNull @DefaultValue IntakeLimits intake,
    @Valid @NotNull @DefaultValue GroupingPolicy grouping,
    @Valid @NotNull @DefaultValue KubernetesAccess kubernetes,
    @Valid @NotNull @DefaultValue PrometheusSettings prometheus,
    @Valid @NotNull @DefaultValue GatheringLimits gathering) {}
