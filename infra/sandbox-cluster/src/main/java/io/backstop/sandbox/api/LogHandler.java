package io.backstop.sandbox.api;

import io.backstop.sandbox.store.ClusterStore;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.mockwebserver.http.MockResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * {@code pods/{name}/log}: honours {@code container}, {@code previous}, {@code tailLines}, {@code
 * sinceSeconds}, {@code timestamps} and {@code limitBytes}; {@code follow} is refused with 501
 * rather than answered as if the stream had ended.
 */
final class LogHandler {

  private final ClusterStore store;
  private final Responses responses;
  private final Simulation simulation;
  private final Clock clock;

  LogHandler(ClusterStore store, Responses responses, Simulation simulation, Clock clock) {
    this.store = store;
    this.responses = responses;
    this.simulation = simulation;
    this.clock = clock;
  }

  MockResponse handle(ApiRequest request, ResourcePath path) {
    if (request.flag("follow")) {
      throw ApiException.notImplemented("following logs (follow=true); read them without follow");
    }
    Pod pod =
        store
            .get(Pod.class, path.namespace(), path.name())
            .orElseThrow(() -> ApiException.notFound("pods \"" + path.name() + "\" not found"));
    String container = container(request, pod);
    List<Simulation.LogLine> lines = simulation.logs(pod, container, request.flag("previous"));
    lines = since(request, lines);
    lines = tail(request, lines);
    StringBuilder text = new StringBuilder();
    boolean timestamps = request.flag("timestamps");
    for (Simulation.LogLine line : lines) {
      if (timestamps) {
        text.append(line.at()).append(' ');
      }
      text.append(line.text()).append('\n');
    }
    String body = limit(request, text.toString());
    return responses.text(200, body, "text/plain");
  }

  private static String container(ApiRequest request, Pod pod) {
    List<String> names = pod.getSpec().getContainers().stream().map(Container::getName).toList();
    String wanted = request.param("container").orElse(names.size() == 1 ? names.get(0) : null);
    if (wanted == null) {
      throw ApiException.badRequest(
          "a container name must be specified for pod "
              + pod.getMetadata().getName()
              + ", choose one of: "
              + names);
    }
    if (!names.contains(wanted)) {
      throw ApiException.badRequest(
          "container " + wanted + " is not valid for pod " + pod.getMetadata().getName());
    }
    return wanted;
  }

  private List<Simulation.LogLine> since(ApiRequest request, List<Simulation.LogLine> lines) {
    var since = request.param("sinceSeconds");
    if (since.isEmpty()) {
      return lines;
    }
    Instant from = clock.instant().minusSeconds(positive(since.get(), "sinceSeconds"));
    return lines.stream().filter(l -> !l.at().isBefore(from)).toList();
  }

  private static List<Simulation.LogLine> tail(ApiRequest request, List<Simulation.LogLine> lines) {
    var tail = request.param("tailLines");
    if (tail.isEmpty()) {
      return lines;
    }
    int n = (int) Math.min(positive(tail.get(), "tailLines"), Integer.MAX_VALUE);
    return lines.subList(Math.max(0, lines.size() - n), lines.size());
  }

  private static String limit(ApiRequest request, String text) {
    var limit = request.param("limitBytes");
    if (limit.isEmpty()) {
      return text;
    }
    long bytes = positive(limit.get(), "limitBytes");
    byte[] all = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    return all.length <= bytes
        ? text
        : new String(all, 0, (int) bytes, java.nio.charset.StandardCharsets.UTF_8);
  }

  private static long positive(String value, String name) {
    try {
      long n = Long.parseLong(value);
      if (n < 0) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw ApiException.badRequest(
          name + " must be a non-negative integer, but was '" + value + "'");
    }
  }
}
