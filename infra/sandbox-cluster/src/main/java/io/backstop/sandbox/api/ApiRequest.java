package io.backstop.sandbox.api;

import io.fabric8.mockwebserver.http.RecordedRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** One HTTP request, split into what the sandbox routes on. */
public record ApiRequest(
    String method,
    String path,
    String rawPathAndQuery,
    Map<String, String> query,
    String authorization,
    String contentType,
    String accept,
    String upgrade,
    String body,
    String userAgent) {

  public ApiRequest(
      String method,
      String path,
      String rawPathAndQuery,
      Map<String, String> query,
      String authorization,
      String contentType,
      String accept,
      String upgrade,
      String body) {
    this(
        method,
        path,
        rawPathAndQuery,
        query,
        authorization,
        contentType,
        accept,
        upgrade,
        body,
        null);
  }

  public static ApiRequest of(RecordedRequest request) {
    String full = request.getPath() == null ? "/" : request.getPath();
    int q = full.indexOf('?');
    String path = q < 0 ? full : full.substring(0, q);
    if (path.length() > 1 && path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    return new ApiRequest(
        request.getMethod().toUpperCase(),
        path,
        full,
        parseQuery(q < 0 ? "" : full.substring(q + 1)),
        request.getHeader("Authorization"),
        request.getHeader("Content-Type"),
        request.getHeader("Accept"),
        request.getHeader("Upgrade"),
        request.getBody() == null ? "" : request.getUtf8Body(),
        request.getHeader("User-Agent"));
  }

  public Optional<String> param(String name) {
    return Optional.ofNullable(query.get(name));
  }

  public boolean flag(String name) {
    return param(name).map(v -> v.isEmpty() || v.equalsIgnoreCase("true")).orElse(false);
  }

  /** Whether the client asked to switch to a websocket (how fabric8 watches). */
  public boolean websocket() {
    return upgrade != null && upgrade.equalsIgnoreCase("websocket");
  }

  /** Server-side dry run: {@code dryRun=All}; any other value is refused by the caller. */
  public boolean dryRun() {
    return query.containsKey("dryRun");
  }

  /** The bearer token, if the request carries one. */
  public Optional<String> bearerToken() {
    if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return Optional.empty();
    }
    return Optional.of(authorization.substring(7).trim());
  }

  private static Map<String, String> parseQuery(String query) {
    Map<String, String> params = new LinkedHashMap<>();
    for (String pair : query.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String key = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      params.put(decode(key), decode(value));
    }
    return params;
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }
}
