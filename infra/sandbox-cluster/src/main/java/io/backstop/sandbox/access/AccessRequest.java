package io.backstop.sandbox.access;

/**
 * What a request wants to do, in RBAC terms: the verb, the resource plural ({@code deployments}),
 * the subresource ({@code scale}, {@code log}, {@code status}, or empty) and the API group.
 */
public record AccessRequest(Verb verb, String group, String resource, String subresource) {

  public AccessRequest {
    subresource = subresource == null ? "" : subresource;
  }

  /** {@code deployments/scale}, or {@code pods}. */
  public String resourcePath() {
    return subresource.isEmpty() ? resource : resource + "/" + subresource;
  }
}
