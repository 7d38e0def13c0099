package io.backstop.executor.prometheus;

import io.backstop.events.codec.EventCodec;
import io.backstop.events.signal.WorkloadRef;
import io.backstop.executor.ExecutorProperties;
import io.backstop.executor.verify.ErrorSignal;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.JsonNode;

/**
 * Asks Prometheus ({@code GET /api/v1/query}) for the workload's error ratio with the configured
 * PromQL template. Anything but one finite number (no answer, an error status, an empty result, no
 * traffic) is {@code NaN}, which never counts as recovered.
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
    String query = String.format(settings.errorRatioQuery(), ref.namespace(), ref.name());
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
      return response.statusCode() == 200 ? ratio(response.body()) : Double.NaN;
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Double.NaN;
    }
  }

  static double ratio(String body) {
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
