package io.backstop.sandbox;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Real clients against a sandbox: fabric8 per token, and plain HTTP for raw requests. */
final class Clients {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private Clients() {}

  static KubernetesClient fabric8(SandboxCluster sandbox, String token) {
    Config config =
        new ConfigBuilder(Config.empty())
            .withMasterUrl(sandbox.httpUrl())
            .withOauthToken(token)
            .withNamespace(Specs.NS)
            .withRequestRetryBackoffLimit(0)
            .build();
    return new KubernetesClientBuilder().withConfig(config).build();
  }

  static HttpResponse<String> get(SandboxCluster sandbox, String token, String path) {
    return send(sandbox, token, "GET", path, null, null);
  }

  static HttpResponse<String> send(
      SandboxCluster sandbox,
      String token,
      String method,
      String path,
      String contentType,
      String body) {
    var builder = HttpRequest.newBuilder(URI.create(sandbox.httpUrl() + path));
    if (token != null) {
      builder.header("Authorization", "Bearer " + token);
    }
    if (contentType != null) {
      builder.header("Content-Type", contentType);
    }
    builder.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    try {
      return HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new IllegalStateException(method + " " + path + " failed", e);
    }
  }
}
