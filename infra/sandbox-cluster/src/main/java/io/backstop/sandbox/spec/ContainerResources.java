package io.backstop.sandbox.spec;

/**
 * Container requests and limits as Kubernetes quantities ({@code 250m}, {@code 512Mi}); an
 * ephemeral-storage limit only when one is given ({@code null} otherwise).
 */
public record ContainerResources(
    String cpuRequest,
    String memoryRequest,
    String cpuLimit,
    String memoryLimit,
    String ephemeralStorageLimit) {

  public static final ContainerResources DEFAULT =
      new ContainerResources("100m", "128Mi", "500m", "512Mi", null);

  public ContainerResources {
    cpuRequest = cpuRequest == null ? DEFAULT_CPU_REQUEST : cpuRequest;
    memoryRequest = memoryRequest == null ? DEFAULT_MEMORY_REQUEST : memoryRequest;
    cpuLimit = cpuLimit == null ? DEFAULT_CPU_LIMIT : cpuLimit;
    memoryLimit = memoryLimit == null ? DEFAULT_MEMORY_LIMIT : memoryLimit;
    Quantities.cpuMillis(cpuRequest);
    Quantities.cpuMillis(cpuLimit);
    Quantities.bytes(memoryRequest);
    Quantities.bytes(memoryLimit);
    if (ephemeralStorageLimit != null) {
      Quantities.bytes(ephemeralStorageLimit);
    }
  }

  public ContainerResources(
      String cpuRequest, String memoryRequest, String cpuLimit, String memoryLimit) {
    this(cpuRequest, memoryRequest, cpuLimit, memoryLimit, null);
  }

  private static final String DEFAULT_CPU_REQUEST = "100m";
  private static final String DEFAULT_MEMORY_REQUEST = "128Mi";
  private static final String DEFAULT_CPU_LIMIT = "500m";
  private static final String DEFAULT_MEMORY_LIMIT = "512Mi";
}
