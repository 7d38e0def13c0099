package io.backstop.deployment;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The chart in {@code charts/backstop}, rendered by Helm's own template engine (the Helm library,
 * through helm-java) exactly as {@code helm template} renders it, each document parsed as a fabric8
 * model object.
 */
final class Chart {

  static final String RELEASE = "backstop";
  static final String NAMESPACE = "backstop";
  static final String KUBE_VERSION = "1.31.0";

  private static final Pattern DOCUMENT_SEPARATOR = Pattern.compile("(?m)^---\\s*$");
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private Chart() {}

  static Path dir() {
    Path dir = Path.of(System.getProperty("backstop.chart.dir", "../../charts/backstop"));
    if (!Files.isRegularFile(dir.resolve("Chart.yaml"))) {
      throw new IllegalStateException("no Chart.yaml in " + dir.toAbsolutePath());
    }
    return dir;
  }

  /** A values file of this module's test resources, e.g. {@code external-kafka.yaml}. */
  static Path values(String name) {
    Path file = Path.of("src", "test", "resources", "values", name);
    if (!Files.isRegularFile(file)) {
      throw new IllegalStateException("no values file " + file.toAbsolutePath());
    }
    return file;
  }

  /** The rendered manifest text, as {@code helm template} prints it. */
  static String template(List<Path> valuesFiles, Map<String, Object> set) {
    TemplateCommand command =
        new Helm(dir())
            .template()
            .withName(RELEASE)
            .withNamespace(NAMESPACE)
            .withKubeVersion(KUBE_VERSION);
    valuesFiles.forEach(command::withValuesFile);
    set.forEach(command::set);
    return command.call();
  }

  /**
   * Every rendered object, parsed; a kind fabric8 has no model for is a GenericKubernetesResource.
   */
  static List<HasMetadata> render(List<Path> valuesFiles, Map<String, Object> set) {
    return parse(template(valuesFiles, set));
  }

  static List<HasMetadata> render(String valuesFile) {
    return render(List.of(values(valuesFile)), Map.of());
  }

  static List<HasMetadata> parse(String manifest) {
    List<HasMetadata> objects = new ArrayList<>();
    for (String document : DOCUMENT_SEPARATOR.split(manifest)) {
      if (document.lines().allMatch(l -> l.isBlank() || l.stripLeading().startsWith("#"))) {
        continue;
      }
      Object parsed = SERIALIZATION.unmarshal(document);
      if (!(parsed instanceof HasMetadata object)) {
        throw new IllegalStateException("not a Kubernetes object: " + document);
      }
      objects.add(object);
    }
    return objects;
  }

  /** Whether fabric8 parsed the object into its typed model (not a generic resource). */
  static boolean typed(HasMetadata object) {
    return !(object instanceof GenericKubernetesResource);
  }

  static <T extends HasMetadata> List<T> all(List<HasMetadata> objects, Class<T> type) {
    return objects.stream().filter(type::isInstance).map(type::cast).toList();
  }

  static List<GenericKubernetesResource> generic(List<HasMetadata> objects, String kind) {
    return all(objects, GenericKubernetesResource.class).stream()
        .filter(o -> kind.equals(o.getKind()))
        .toList();
  }
}
