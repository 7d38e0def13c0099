package io.backstop.sandbox.access;

/**
 * What a request wants to do, in RBAC terms: the verb, the resource plural ({@code deployments}),
 * the subresource ({@code scale}, {@code log}, {@code status}, or empty) and the API group; and
 * whether it asks for the objects' metadata only ({@code Accept: ...;as=PartialObjectMetadata}),
 * which then carries no data.
 */
public record AccessRequest(
    Verb verb, String group, String resource, String subresource, boolean metadataOnly) {

  public AccessRequest {
    subresource = subresource == null ? "" : subresource;
  }

  public AccessRequest(Verb verb, String group, String resource, String subresource) {
    this(verb, group, resource, subresource, false);
  }

  /** {@code deployments/scale}, or {@code pods}. */
  public String resourcePath() {
    return subresource.isEmpty() ? resource : resource + "/" + subresource;
  }
}
