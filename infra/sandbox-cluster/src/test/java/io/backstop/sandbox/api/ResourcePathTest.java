package io.backstop.sandbox.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ResourcePathTest {

  @Test
  void parsesNamespacedSubresources() {
    var path = ResourcePath.parse("/api/v1/namespaces/shop/pods/p1/log").orElseThrow();

    assertThat(path).isEqualTo(new ResourcePath("", "v1", "shop", "pods", "p1", "log"));
  }

  @Test
  void parsesGroupedCollectionsAndClusterScopedObjects() {
    assertThat(ResourcePath.parse("/apis/apps/v1/deployments").orElseThrow().isCollection())
        .isTrue();
    assertThat(
            ResourcePath.parse("/apis/apps/v1/namespaces/shop/deployments/cart/scale")
                .orElseThrow()
                .subresource())
        .isEqualTo("scale");
    assertThat(ResourcePath.parse("/api/v1/namespaces/shop").orElseThrow())
        .isEqualTo(new ResourcePath("", "v1", null, "namespaces", "shop", ""));
  }

  @Test
  void rejectsPathsThatAreNotResources() {
    assertThat(ResourcePath.parse("/healthz")).isEmpty();
    assertThat(ResourcePath.parse("/apis/apps")).isEmpty();
    assertThat(ResourcePath.parse("/api/v1/namespaces/shop/pods/p/log/extra")).isEmpty();
  }
}
