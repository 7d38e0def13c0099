package io.backstop.executor.prometheus;

import io.backstop.events.codec.EventCodec;
import io.backstop.events.signal.ErrorBasis;
import io.backstop.events.signal.WorkloadRef;
import io.backstop.executor.ExecutorProperties;
import io.backstop.executor.verify.ErrorSignal;
import io.backstop.safety.facts.Names;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Asks Prometheus ({@code GET /api/v1/query}) for the workload's error ratio. Without a basis, with
 * the configured PromQL template (the fixed rule). With a basis (what triage judged the incident
 * by), as the share of the basis' codes in the request rate by code, read with this executor's own
 * {@code requestsByCodeQuery} template bound to the workload. Anything but a finite share (no
 * answer, an error status, an empty result, a series without a code, no traffic) is {@code NaN},
 * which never counts as recovered.
 *
 * <p>Safety rationale: the PromQL this service sends is always its own template, never text taken
 * from an event. A basis' recorded query is signed by the guardrail, but it originates in triage's
 * signals; a query that is not exactly this executor's template bound to the written workload (a
 * tampered or buggy triage, or the two services configured with different queries) is refused and
 * not run: the share is {@code NaN}, so the write is never verified by a signal nobody vouched for.
 * So is a workload whose namespace or name is not a Kubernetes name (nothing else is formatted into
 * a query). The basis' numbers come from triage too, so they are held to what triage builds and
 * what this executor allows: a baseline above its threshold (triage caps it there) or a threshold
 * above this executor's {@code errorRatioThreshold} is refused, so a basis can never make recovery
 * looser than twice the executor's own threshold.
 */
public final class PrometheusErrorSignal implements ErrorSignal {

  private final ExecutorProperties.Prometheus settings;
  private final HttpClient http;

  public PrometheusErrorSignal(ExecutorProperties.Prometheus settings) {
    this.settings = settings;
    this.http = HttpClient.newBuilder().connectTimeout(settings.timeout()).build();
  }

  @Override
  public Double errorRatio(WorkloadRef ref) {
    if (!kubernetesNames(ref)) {
      return Double.NaN;
    }
    String body = ask(String.format(settings.errorRatioQuery(), ref.namespace(), ref.name()));
    return body == null ? Double.NaN : ratio(body);
  }

  @Override
  public Double errorRatio(WorkloadRef ref, ErrorBasis basis) {
    if (basis == null) {
      return errorRatio(ref);
    }
    if (refusal(ref, basis).isPresent()) {
      return Double.NaN;
    }
    String body = ask(byCode(ref));
    return body == null ? Double.NaN : share(body, Set.copyOf(basis.codes()));
  }

  @Override
  public Optional<String> refusal(WorkloadRef ref, ErrorBasis basis) {
    if (!kubernetesNames(ref)) {
      return Optional.of(
          "the workload " + ref + " is not named by Kubernetes names: no query is built from it");
    }
    if (basis == null) {
      return Optional.empty();
    }
    if (basis.baseline() > basis.threshold()) {
      return Optional.of(
          "the recorded baseline "
              + basis.baseline()
              + " is above its threshold "
              + basis.threshold()
              + " (triage caps a baseline at the threshold): refused");
    }
    if (basis.threshold() > settings.errorRatioThreshold()) {
      return Optional.of(
          "the recorded threshold "
              + basis.threshold()
              + " is above this executor's prometheus.error-ratio-threshold "
              + settings.errorRatioThreshold()
              + ": recovery would be judged looser than this executor allows; refused");
    }
    if (basis.query() != null && !basis.query().equals(byCode(ref))) {
      return Optional.of(
          "the query the signals recorded is not this executor's"
              + " prometheus.requests-by-code-query for "
              + ref
              + " ("
              + byCode(ref)
              + "): refused, not run, and the errors cannot be measured as triage judged them");
    }
    return Optional.empty();
  }

  /** This executor's query for the request rate by code, bound to the workload. */
  private String byCode(WorkloadRef ref) {
    return String.format(settings.requestsByCodeQuery(), ref.namespace(), ref.name());
  }

  private static boolean kubernetesNames(WorkloadRef ref) {
    return Names.canonical(ref.namespace()).filter(ref.namespace()::equals).isPresent()
        && Names.canonical(ref.name()).filter(ref.name()::equals).isPresent();
  }

  /** The body of a 200 answer to an instant query, or null when there was none. */
  private String ask(String query) {
    URI uri =
        URI.create(
            settings.url().replaceAll("/+$", "")
                + "/api/v1/query?query="
                + URLEncoder.encode(query, StandardCharsets.UTF_8));
    try {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(uri).timeout(settings.timeout()).GET().build(),
              HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200 ? response.body() : null;
    } catch (IOException | RuntimeException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  /**
   * The share of {@code codes} in a vector of request rates by {@code code}; NaN unless the answer
   * is a successful vector whose every series names its code and whose total is positive.
   */
  static double share(String body, Set<String> codes) {
    try {
      JsonNode root = EventCodec.mapper().readTree(body);
      JsonNode result = root.path("data").path("result");
      if (!"success".equals(root.path("status").asString())
          || !result.isArray()
          || result.isEmpty()) {
        return Double.NaN;
      }
      double total = 0;
      double counted = 0;
      for (JsonNode series : result) {
        String code = series.path("metric").path("code").asString("");
        double rate = Double.parseDouble(series.path("value").get(1).asString());
        if (code.isEmpty() || !Double.isFinite(rate) || rate < 0) {
          return Double.NaN;
        }
        total += rate;
        if (codes.contains(code)) {
          counted += rate;
        }
      }
      return total > 0 ? counted / total : Double.NaN;
    } catch (RuntimeException e) {
      return Double.NaN;
    }
  }

  static double ratio(String body) {
    try {
      return oneNumber(body);
    } catch (RuntimeException e) {
      return Double.NaN;
    }
  }

  private static double oneNumber(String body) {
    JsonNode root = EventCodec.mapper().readTree(body);
    JsonNode result = root.path("data").path("result");
    if (!"success".equals(root.path("status").asString()) || result.size() != 1) {
      return Double.NaN;
    }
    JsonNode value = result.get(0).path("value");
    try {
      double ratio = Double.parseDouble(value.get(1).asString());
      return Double.isFinite(ratio) ? ratio : Double.NaN;
    } catch (RuntimeException e) {
      return Double.NaN;
    }
  }
}
