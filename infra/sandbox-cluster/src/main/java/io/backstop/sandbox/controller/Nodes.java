package io.backstop.sandbox.controller;

import io.backstop.sandbox.spec.NodeSpec;
import io.fabric8.kubernetes.api.model.FieldsV1;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.NodeConditionBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The cluster objects around the workloads that a loaded spec needs: Nodes (allocatable memory, the
 * kubelet's conditions), a Service per workload, the {@code managedFields} entry of a write,
 * generated Secret values, and the rule by which one workload calls another.
 */
final class Nodes {

  /** The fields a write of a Secret's data owns. */
  static final Map<String, Object> DATA = Map.of("f:data", Map.of("f:password", Map.of()));

  /** The fields a write of the scale subresource owns. */
  static final Map<String, Object> REPLICAS = Map.of("f:spec", Map.of("f:replicas", Map.of()));

  private Nodes() {}

  static Node node(NodeSpec spec, Instant now) {
    String since = now.minus(Duration.ofDays(30)).toString();
    long allocatable = spec.allocatableMemoryBytes();
    return new NodeBuilder()
        .withNewMetadata()
        .withName(spec.name())
        .withLabels(
            Map.of(
                "kubernetes.io/hostname", spec.name(),
                "kubernetes.io/os", "linux",
                "node.kubernetes.io/instance-type", "sandbox"))
        .withCreationTimestamp(since)
        .endMetadata()
        .withNewSpec()
        .endSpec()
        .withNewStatus()
        .withCapacity(
            Map.of(
                "memory", bytes(allocatable + (512L << 20)),
                "cpu", new Quantity("8"),
                "pods", new Quantity("110")))
        .withAllocatable(
            Map.of(
                "memory",
                bytes(allocatable),
                "cpu",
                new Quantity("8"),
                "pods",
                new Quantity("110")))
        .withConditions(
            condition("MemoryPressure", "False", "KubeletHasSufficientMemory", since),
            condition("DiskPressure", "False", "KubeletHasNoDiskPressure", since),
            condition("PIDPressure", "False", "KubeletHasSufficientPID", since),
            condition("Ready", "True", "KubeletReady", since))
        .withNewNodeInfo()
        .withKubeletVersion("v1.31.0")
        .withOperatingSystem("linux")
        .withArchitecture("amd64")
        .withContainerRuntimeVersion("containerd://1.7.22")
        .endNodeInfo()
        .endStatus()
        .build();
  }

  /** A ClusterIP Service named after the workload, selecting its pods. */
  static Service service(String ns, String name, Map<String, String> selector, int port) {
    return new ServiceBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(ns)
        .withLabels(selector)
        .endMetadata()
        .withNewSpec()
        .withType("ClusterIP")
        .withSelector(selector)
        .addNewPort()
        .withName("http")
        .withPort(port)
        .withNewTargetPort(port)
        .withProtocol("TCP")
        .endPort()
        .endSpec()
        .build();
  }

  /** The {@code managedFields} entry of one write of {@code fields} by {@code manager}. */
  static List<ManagedFieldsEntry> write(
      String manager, String subresource, Instant at, Map<String, Object> fields) {
    FieldsV1 v1 = new FieldsV1();
    fields.forEach(v1::setAdditionalProperty);
    return List.of(
        new ManagedFieldsEntryBuilder()
            .withManager(manager)
            .withOperation("Update")
            .withApiVersion(subresource.equals("scale") ? "apps/v1" : "v1")
            .withSubresource(subresource.isEmpty() ? null : subresource)
            .withTime(at.truncatedTo(ChronoUnit.SECONDS).toString())
            .withFieldsType("FieldsV1")
            .withFieldsV1(v1)
            .build());
  }

  /** A deterministic stand-in value for a Secret, base64 as Secret data is. */
  static String generatedValue(String secret, int version) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest((secret + "#" + version).getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(Base64.getEncoder().encode(digest));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Whether an env value uses a Service's name as a host ({@code http://checkout:8080}, {@code
   * checkout.shop.svc.cluster.local}), as a client resolving it would.
   */
  static boolean namesHost(Collection<String> envValues, String service, String namespace) {
    Pattern host =
        Pattern.compile(
            "(?:^|[/@=,;\\s])"
                + Pattern.quote(service)
                + "(?:\\."
                + Pattern.quote(namespace)
                + ")?(?:\\.svc(?:\\.[a-z0-9.-]+)?)?(?=$|[:/,;\\s])");
    return envValues.stream().anyMatch(v -> host.matcher(v.toLowerCase(Locale.ROOT)).find());
  }

  private static Quantity bytes(long value) {
    return new Quantity(Long.toString(value));
  }

  private static NodeCondition condition(String type, String status, String reason, String since) {
    return new NodeConditionBuilder()
        .withType(type)
        .withStatus(status)
        .withReason(reason)
        .withLastHeartbeatTime(since)
        .withLastTransitionTime(since)
        .build();
  }
}
