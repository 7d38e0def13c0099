package io.backstop.diagnosis;

import io.backstop.events.diagnosis.ModelTier;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * diagnosis-service configuration, {@code backstop.diagnosis.*}. With no gateway base URL (or no
 * targets) the offline analyzer diagnoses alone. API keys are never here: only the name of the
 * environment variable that holds one.
 */
@Validated
@ConfigurationProperties("backstop.diagnosis")
public record DiagnosisProperties(
    @Valid @DefaultValue Gateway gateway,
    List<@Valid Target> targets,
    @Valid @DefaultValue Chain chain,
    @Valid @DefaultValue Budget budget,
    @Valid @DefaultValue Analyzer analyzer) {

  public DiagnosisProperties {
    targets = targets == null ? List.of() : List.copyOf(targets);
  }

  /** The OpenAI-compatible gateway every target goes through unless it names its own. */
  public record Gateway(
      String baseUrl, @DefaultValue("BACKSTOP_GATEWAY_API_KEY") String apiKeyEnv) {

    public Gateway {
      requireHttpUrl("gateway.baseUrl", baseUrl);
    }
  }

  static void requireHttpUrl(String field, String url) {
    if (url != null && !url.isBlank() && !url.matches("(?i)https?://\\S+")) {
      throw new IllegalArgumentException(
          field
              + " must be an http(s) URL such as http://127.0.0.1:8089/v1, but was '"
              + url
              + "'");
    }
  }

  /** One model target. Lower priority is tried first; equal priorities are latency-routed. */
  public record Target(
      @NotBlank(message = "a target needs a name, but was '${validatedValue}'") String name,
      @NotBlank(message = "target model must not be blank, but was '${validatedValue}'")
          String model,
      @NotNull(message = "target tier must be PRIMARY, FALLBACK or STRONG") ModelTier tier,
      @Min(value = 0, message = "target priority must be >= 0, but was ${validatedValue}")
          int priority,
      @DefaultValue("20s") Duration timeout,
      @NotNull
          @DecimalMin(
              value = "0",
              message = "inputPricePer1k must be >= 0, but was ${validatedValue}")
          BigDecimal inputPricePer1k,
      @NotNull
          @DecimalMin(
              value = "0",
              message = "outputPricePer1k must be >= 0, but was ${validatedValue}")
          BigDecimal outputPricePer1k,
      boolean structuredOutput,
      String baseUrl,
      String apiKeyEnv) {

    public Target {
      requireHttpUrl("target '" + name + "' baseUrl", baseUrl);
      if (tier == ModelTier.OFFLINE) {
        throw new IllegalArgumentException(
            "target '" + name + "' has tier OFFLINE, but the offline analyzer is built in");
      }
      if (timeout == null || timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException(
            "target '" + name + "' timeout must be positive, but was " + timeout);
      }
    }
  }

  /** Retries, breaker and latency routing; see {@code ChainSettings}. */
  public record Chain(
      @DefaultValue("2")
          @Min(value = 1, message = "maxAttempts must be >= 1, but was ${validatedValue}")
          int maxAttempts,
      @DefaultValue("200ms") Duration backoff,
      @DefaultValue("2s") Duration maxRetryAfter,
      @DefaultValue("5m") Duration openFor,
      @DefaultValue("10")
          @Min(value = 1, message = "breakerWindow must be >= 1, but was ${validatedValue}")
          int breakerWindow,
      @DefaultValue("4")
          @Min(value = 1, message = "breakerMinimumCalls must be >= 1, but was ${validatedValue}")
          int breakerMinimumCalls,
      @DefaultValue("50")
          @Min(value = 1, message = "failureRatePercent must be 1..100, but was ${validatedValue}")
          @Max(
              value = 100,
              message = "failureRatePercent must be 1..100, but was ${validatedValue}")
          int failureRatePercent,
      @DefaultValue("10")
          @Min(value = 1, message = "latencyWindow must be >= 1, but was ${validatedValue}")
          int latencyWindow) {}

  /** The per-incident cap on model calls and their cost, in US dollars. */
  public record Budget(
      @DefaultValue("8")
          @Min(value = 1, message = "maxCallsPerIncident must be >= 1, but was ${validatedValue}")
          int maxCallsPerIncident,
      @DefaultValue("0.50")
          @DecimalMin(
              value = "0",
              message = "maxCostPerIncidentUsd must be >= 0, but was ${validatedValue}")
          BigDecimal maxCostPerIncidentUsd) {}

  /** The offline analyzer's bounds; see {@code AnalyzerSettings}. */
  public record Analyzer(
      @DefaultValue("2h") Duration recentDeploy,
      @DefaultValue("50")
          @Min(value = 1, message = "scaleUpPercent must be >= 1, but was ${validatedValue}")
          int scaleUpPercent,
      @DefaultValue("20")
          @Min(value = 1, message = "maxReplicas must be >= 1, but was ${validatedValue}")
          int maxReplicas) {}
}
