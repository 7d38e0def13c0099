package io.backstop.sandbox.api;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.mockwebserver.http.MockResponse;

/** Builds HTTP answers: JSON objects, plain text and Kubernetes {@code Status} errors. */
public final class Responses {

  private final KubernetesSerialization json;

  public Responses(KubernetesSerialization json) {
    this.json = json;
  }

  public MockResponse json(int code, Object body) {
    return json(code, body instanceof String s ? s : json.asJson(body));
  }

  public MockResponse json(int code, String body) {
    return new MockResponse()
        .setResponseCode(code)
        .setHeader("Content-Type", "application/json")
        .setBody(body);
  }

  public MockResponse text(int code, String body, String contentType) {
    return new MockResponse()
        .setResponseCode(code)
        .setHeader("Content-Type", contentType)
        .setBody(body);
  }

  public MockResponse status(ApiException error) {
    return status(error.code(), error.reason(), error.getMessage());
  }

  public MockResponse status(int code, String reason, String message) {
    Status status =
        new StatusBuilder()
            .withApiVersion("v1")
            .withKind("Status")
            .withNewMetadata()
            .endMetadata()
            .withStatus("Failure")
            .withCode(code)
            .withReason(reason)
            .withMessage(message)
            .build();
    return json(code, status);
  }

  public KubernetesSerialization serialization() {
    return json;
  }
}
