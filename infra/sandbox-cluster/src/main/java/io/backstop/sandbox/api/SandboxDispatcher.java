package io.backstop.sandbox.api;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.backstop.sandbox.access.AccessPolicy;
import io.backstop.sandbox.access.AccessRequest;
import io.backstop.sandbox.access.Principal;
import io.backstop.sandbox.access.Tokens;
import io.backstop.sandbox.access.Verb;
import io.backstop.sandbox.store.ClusterStore;
import io.backstop.sandbox.store.ResourceType;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sandbox's own dispatcher in front of the fabric8 CRUD dispatcher. In order: public endpoints
 * ({@code /version}, health, {@code /metrics}); bearer-token authentication (401); discovery;
 * resource routing (404 with the reason for anything not simulated, never the mock's unrelated
 * JSON); authorization per role (403 in the Kubernetes Status shape); then the verb, subresource,
 * patch and dry-run handling. Every write request is logged with its token, whatever the outcome.
 */
public final class SandboxDispatcher extends Dispatcher {

  private static final Logger LOG = LoggerFactory.getLogger(SandboxDispatcher.class);
  private static final Set<String> WRITE_METHODS = Set.of("POST", "PUT", "PATCH", "DELETE");
  private static final Set<String> HEALTH = Set.of("/healthz", "/livez", "/readyz");

  private final Tokens tokens;
  private final AccessPolicy policy = new AccessPolicy();
  private final Simulation simulation;
  private final Clock clock;
  private final Responses responses;
  private final ResourceHandler resources;
  private final ScaleHandler scale;
  private final LogHandler logs;
  private final PodMetricsHandler podMetrics;
  private final List<WriteRecord> writes = new CopyOnWriteArrayList<>();

  public SandboxDispatcher(ClusterStore store, Tokens tokens, Simulation simulation, Clock clock) {
    this.tokens = tokens;
    this.simulation = simulation;
    this.clock = clock;
    ObjectMapper mapper =
        new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    this.responses = new Responses(store.json());
    this.resources = new ResourceHandler(store, responses, mapper, simulation, clock);
    this.scale = new ScaleHandler(store, responses, mapper, resources, simulation, clock);
    this.logs = new LogHandler(store, responses, simulation, clock);
    this.podMetrics = new PodMetricsHandler(store, responses, mapper, simulation, clock);
  }

  /** Every write request received so far, oldest first. */
  public List<WriteRecord> writes() {
    return List.copyOf(writes);
  }

  @Override
  public MockResponse dispatch(RecordedRequest raw) {
    ApiRequest request = ApiRequest.of(raw);
    String[] principal = {"anonymous"};
    MockResponse response;
    try {
      response = route(request, principal);
    } catch (ApiException e) {
      response = responses.status(e);
    } catch (RuntimeException e) {
      LOG.warn("sandbox failed on {} {}", request.method(), request.rawPathAndQuery(), e);
      response =
          responses.status(500, "InternalError", "sandbox error on " + request.path() + ": " + e);
    }
    if (WRITE_METHODS.contains(request.method())) {
      writes.add(
          new WriteRecord(
              clock.instant(),
              principal[0],
              request.method(),
              request.rawPathAndQuery(),
              response.code(),
              request.dryRun()));
    }
    return response;
  }

  private MockResponse route(ApiRequest request, String[] principalName) {
    if (request.path().equals("/version")) {
      return responses.json(200, Discovery.version());
    }
    if (HEALTH.contains(request.path())) {
      return responses.text(200, "ok", "text/plain");
    }
    if (request.path().equals("/metrics")) {
      return responses.text(200, simulation.prometheus(), "text/plain; version=0.0.4");
    }
    Principal principal = authenticate(request);
    principalName[0] = principal.name();
    var discovery = Discovery.document(request.path());
    if (discovery.isPresent()) {
      requireGet(request);
      return responses.json(200, discovery.get());
    }
    ResourcePath path =
        ResourcePath.parse(request.path())
            .orElseThrow(
                () ->
                    ApiException.notFound(
                        "the server could not find the requested resource: "
                            + request.method()
                            + " "
                            + request.path()
                            + " is not an API path the sandbox cluster serves"));
    Verb verb = verb(request, path);
    authorize(
        principal,
        new AccessRequest(
            verb, path.group(), path.resource(), path.subresource(), MetadataOnly.wanted(request)));
    checkDryRun(request);
    if (Discovery.METRICS_GROUP.equals(path.group())) {
      return podMetrics.handle(request, path);
    }
    ResourceType type = path.type().orElseThrow(() -> unknownResource(path));
    return switch (path.subresource()) {
      case "" -> resources.handle(request, path, type, verb);
      case "log" -> subresource(type == ResourceType.PODS, path, () -> logs.handle(request, path));
      case "scale" ->
          subresource(
              type == ResourceType.DEPLOYMENTS, path, () -> scale.handle(request, path, verb));
      case "status" ->
          subresource(
              verb == Verb.GET, path, () -> resources.handle(request, path, type, Verb.GET));
      default -> throw unsupportedSubresource(path);
    };
  }

  private Principal authenticate(ApiRequest request) {
    return request
        .bearerToken()
        .flatMap(tokens::principalOf)
        .orElseThrow(
            () ->
                new ApiException(
                    401,
                    "Unauthorized",
                    request.bearerToken().isPresent()
                        ? "Unauthorized: the bearer token is not one of the sandbox's tokens"
                        : "Unauthorized: no bearer token (send Authorization: Bearer <token>)"));
  }

  private void authorize(Principal principal, AccessRequest access) {
    policy
        .refusal(principal, access)
        .ifPresent(
            message -> {
              throw new ApiException(403, "Forbidden", message);
            });
  }

  private static Verb verb(ApiRequest request, ResourcePath path) {
    boolean named = !path.isCollection();
    return switch (request.method()) {
      case "GET" ->
          named
              ? Verb.GET
              : (request.flag("watch") || "1".equals(request.query().get("watch"))
                  ? Verb.WATCH
                  : Verb.LIST);
      case "POST" -> {
        if (named) {
          throw unsupportedSubresource(path);
        }
        yield Verb.CREATE;
      }
      case "PUT" -> requireNamed(path, Verb.UPDATE);
      case "PATCH" -> requireNamed(path, Verb.PATCH);
      case "DELETE" -> named ? Verb.DELETE : Verb.DELETECOLLECTION;
      default ->
          throw new ApiException(
              405, "MethodNotAllowed", request.method() + " is not a Kubernetes API method");
    };
  }

  private static Verb requireNamed(ResourcePath path, Verb verb) {
    if (path.isCollection()) {
      throw new ApiException(
          405, "MethodNotAllowed", verb + " needs a resource name: " + path.qualifiedResource());
    }
    return verb;
  }

  private static void checkDryRun(ApiRequest request) {
    var dryRun = request.param("dryRun");
    if (dryRun.isPresent() && !dryRun.get().equals("All")) {
      throw ApiException.badRequest(
          "dryRun must be 'All' (the only value Kubernetes accepts), but was '"
              + dryRun.get()
              + "'");
    }
  }

  private static void requireGet(ApiRequest request) {
    if (!"GET".equals(request.method())) {
      throw new ApiException(405, "MethodNotAllowed", "discovery documents are read-only");
    }
  }

  private static MockResponse subresource(
      boolean supported, ResourcePath path, java.util.function.Supplier<MockResponse> handler) {
    if (!supported) {
      throw unsupportedSubresource(path);
    }
    return handler.get();
  }

  private static ApiException unknownResource(ResourcePath path) {
    return ApiException.notFound(
        "the server could not find the requested resource: the sandbox cluster does not simulate "
            + path.qualifiedResource()
            + " in "
            + path.groupVersion()
            + " (it serves "
            + java.util.Arrays.stream(ResourceType.values())
                .map(t -> t.group().isEmpty() ? t.plural() : t.plural() + "." + t.group())
                .toList()
            + ")");
  }

  private static ApiException unsupportedSubresource(ResourcePath path) {
    return ApiException.notImplemented(
        "the subresource '"
            + path.subresource()
            + "' of "
            + path.qualifiedResource()
            + " (it serves pods/log, deployments/scale and GET of deployments/status)");
  }
}
