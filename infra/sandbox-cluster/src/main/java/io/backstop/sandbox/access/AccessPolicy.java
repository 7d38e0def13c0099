package io.backstop.sandbox.access;

import java.util.Optional;

/**
 * The permission rules per role. Fails closed: anything not explicitly allowed for a role is
 * refused, and the refusal names the role, verb and resource (the text of the 403). The read-only
 * role may read Secrets only as metadata (names, creation, who last wrote them and when), never
 * their data: a rule the sandbox enforces that Kubernetes RBAC cannot express (there, {@code list}
 * on secrets returns the data too).
 */
public final class AccessPolicy {

  /** Returns the refusal message, or empty when the request is allowed. */
  public Optional<String> refusal(Principal principal, AccessRequest request) {
    boolean allowed =
        switch (principal.role()) {
          case ADMIN -> true;
          case READ_ONLY -> readOnlyMay(request);
          case EXECUTOR -> executorMay(request);
        };
    return allowed ? Optional.empty() : Optional.of(message(principal, request));
  }

  private static boolean readOnlyMay(AccessRequest request) {
    if (request.verb().isWrite()) {
      return false;
    }
    return !touchesSecrets(request)
        || (request.metadataOnly()
            && (request.verb() == Verb.LIST || request.verb() == Verb.GET)
            && request.subresource().isEmpty());
  }

  private static boolean executorMay(AccessRequest request) {
    if (touchesSecrets(request)) {
      return false;
    }
    if (!request.verb().isWrite()) {
      return true;
    }
    if (!"apps".equals(request.group()) || !"deployments".equals(request.resource())) {
      return false;
    }
    return switch (request.subresource()) {
      case "" -> request.verb() == Verb.PATCH;
      case "scale" -> request.verb() == Verb.PATCH || request.verb() == Verb.UPDATE;
      default -> false;
    };
  }

  private static boolean touchesSecrets(AccessRequest request) {
    return request.group().isEmpty() && "secrets".equals(request.resource());
  }

  private static String message(Principal principal, AccessRequest request) {
    String group = request.group().isEmpty() ? "\"\"" : "\"" + request.group() + "\"";
    return "sandbox token \""
        + principal.name()
        + "\" (role "
        + principal.role()
        + ") cannot "
        + request.verb().name().toLowerCase()
        + " resource \""
        + request.resourcePath()
        + "\" in API group "
        + group;
  }
}
