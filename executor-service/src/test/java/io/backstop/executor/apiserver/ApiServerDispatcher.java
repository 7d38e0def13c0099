package io.backstop.executor.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.zjsonpatch.JsonPatch;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Adds to the fabric8 CRUD mock what a real API server does and the mock does not: a read-only
 * token gets 403 on any write; {@code dryRun=All} validates and answers without persisting; a
 * failing JSON Patch {@code test} is a 422; the Deployment {@code scale} subresource exists. Every
 * write that reached storage is recorded, so tests can count them.
 */
public final class ApiServerDispatcher extends Dispatcher {

  public static final String READ_ONLY_TOKEN = "triage-read-only-token";

  /** The simulated deployment controller's own token: its writes are not counted. */
  public static final String CONTROLLER_TOKEN = "controller-token";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final KubernetesMixedDispatcher crud;
  private final List<String> persistedWrites = new CopyOnWriteArrayList<>();
  private final List<String> dryRuns = new CopyOnWriteArrayList<>();

  public ApiServerDispatcher(Map<ServerRequest, Queue<ServerResponse>> responses) {
    this.crud = new KubernetesMixedDispatcher(responses);
  }

  /** Writes that changed storage, as {@code METHOD path body}. */
  public List<String> persistedWrites() {
    return List.copyOf(persistedWrites);
  }

  public List<String> dryRuns() {
    return List.copyOf(dryRuns);
  }

  public void forgetWrites() {
    persistedWrites.clear();
    dryRuns.clear();
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    String method = request.getMethod();
    if ("GET".equals(method) && request.getPath().contains("/scale")) {
      return scaleOf(pathOnly(request).replace("/scale", ""));
    }
    if ("GET".equals(method)) {
      return crud.dispatch(request);
    }
    String auth = request.getHeader("Authorization");
    if (auth != null && auth.equals("Bearer " + READ_ONLY_TOKEN)) {
      return status(
          403,
          "Forbidden",
          "deployments.apps is forbidden: User \"system:serviceaccount:backstop:triage\" cannot "
              + method.toLowerCase()
              + " resource in API group \"apps\"");
    }
    boolean controller = auth != null && auth.equals("Bearer " + CONTROLLER_TOKEN);
    if (controller || request.getPath().contains("/status")) {
      return crud.dispatch(request);
    }
    if ("PATCH".equals(method)) {
      return patch(request);
    }
    persistedWrites.add(method + " " + request.getPath());
    return crud.dispatch(request);
  }

  private MockResponse patch(RecordedRequest request) {
    boolean dryRun = request.getPath().contains("dryRun=All");
    String path = pathOnly(request);
    boolean scale = path.endsWith("/scale");
    String objectPath = scale ? path.substring(0, path.length() - "/scale".length()) : path;
    String requestBody = request.getUtf8Body();
    try {
      JsonNode current = read(objectPath);
      if (current == null) {
        return status(404, "NotFound", objectPath + " not found");
      }
      JsonNode patch = JSON.readTree(requestBody);
      JsonNode target = scale ? scaleJson(current) : current;
      JsonNode patched;
      try {
        patched = JsonPatch.apply(patch, target);
      } catch (RuntimeException e) {
        return status(422, "Invalid", "the JSON Patch cannot be applied: " + e.getMessage());
      }
      if (dryRun) {
        dryRuns.add("PATCH " + path + " " + requestBody);
        return json(200, patched);
      }
      persistedWrites.add("PATCH " + path + " " + requestBody);
      if (!scale) {
        return crud.dispatch(request(HttpMethod.PATCH, objectPath, requestBody));
      }
      int replicas = patched.path("spec").path("replicas").asInt();
      String body = "[{\"op\":\"replace\",\"path\":\"/spec/replicas\",\"value\":" + replicas + "}]";
      crud.dispatch(request(HttpMethod.PATCH, objectPath, body));
      return json(200, patched);
    } catch (Exception e) {
      return status(500, "InternalError", e.toString());
    }
  }

  private MockResponse scaleOf(String deploymentPath) {
    try {
      JsonNode current = read(deploymentPath);
      return current == null
          ? status(404, "NotFound", deploymentPath + " not found")
          : json(200, scaleJson(current));
    } catch (Exception e) {
      return status(500, "InternalError", e.toString());
    }
  }

  private JsonNode read(String path) throws Exception {
    MockResponse response = crud.dispatch(request(HttpMethod.GET, path, null));
    if (response.code() != 200) {
      return null;
    }
    return JSON.readTree(new String(response.getBody().getBytes(), StandardCharsets.UTF_8));
  }

  private static JsonNode scaleJson(JsonNode deployment) {
    ObjectNode scale = JSON.createObjectNode();
    scale.put("kind", "Scale");
    scale.put("apiVersion", "autoscaling/v1");
    ObjectNode meta = scale.putObject("metadata");
    meta.put("name", deployment.path("metadata").path("name").asText());
    meta.put("namespace", deployment.path("metadata").path("namespace").asText());
    scale.putObject("spec").put("replicas", deployment.path("spec").path("replicas").asInt());
    scale.putObject("status").put("replicas", deployment.path("status").path("replicas").asInt());
    return scale;
  }

  private static RecordedRequest request(HttpMethod method, String path, String body) {
    Headers headers = Headers.builder().add("Content-Type", "application/json-patch+json").build();
    Buffer buffer = new Buffer(body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8));
    return new RecordedRequest("HTTP/1.1", method, path, headers, buffer);
  }

  private static String pathOnly(RecordedRequest request) {
    String path = request.getPath();
    int query = path.indexOf('?');
    return query < 0 ? path : path.substring(0, query);
  }

  private static MockResponse json(int code, JsonNode body) {
    return new MockResponse()
        .setResponseCode(code)
        .addHeader("Content-Type", "application/json")
        .setBody(body.toString());
  }

  private static MockResponse status(int code, String reason, String message) {
    ObjectNode status = JSON.createObjectNode();
    status.put("kind", "Status");
    status.put("apiVersion", "v1");
    status.put("status", "Failure");
    status.put("reason", reason);
    status.put("message", message);
    status.put("code", code);
    return json(code, status);
  }
}
