package io.backstop.triage.kubernetes;

import io.backstop.events.signal.GitOpsOwner;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which GitOps controller owns a workload, from the metadata that controller leaves on every object
 * it applies (a real cluster has it; no read of the controller's own resources is needed):
 *
 * <ul>
 *   <li>Argo CD: the annotation {@code argocd.argoproj.io/tracking-id} ({@code
 *       <application>:<group>/<kind>:<namespace>/<name>}, annotation tracking), or the label {@code
 *       app.kubernetes.io/instance} (label tracking) when a managedFields entry shows Argo CD's
 *       manager ({@code argocd-controller} with server-side apply, {@code
 *       argocd-application-controller} otherwise): the label alone is also set by Helm charts;
 *   <li>Flux: the labels {@code kustomize.toolkit.fluxcd.io/name} / {@code .../namespace} (a
 *       Kustomization) and {@code helm.toolkit.fluxcd.io/name} / {@code .../namespace} (a
 *       HelmRelease), or their managers {@code kustomize-controller} / {@code helm-controller}.
 * </ul>
 *
 * Whether Argo CD self-heals is in the Application, which triage may not be allowed to read:
 * GitOps-managed is taken as enough (Flux reconciles drift on every interval).
 */
public final class GitOpsOwners {

  public static final String ARGO_TRACKING_ID = "argocd.argoproj.io/tracking-id";
  public static final String INSTANCE_LABEL = "app.kubernetes.io/instance";
  public static final String FLUX_KUSTOMIZE_NAME = "kustomize.toolkit.fluxcd.io/name";
  public static final String FLUX_KUSTOMIZE_NAMESPACE = "kustomize.toolkit.fluxcd.io/namespace";
  public static final String FLUX_HELM_NAME = "helm.toolkit.fluxcd.io/name";
  public static final String FLUX_HELM_NAMESPACE = "helm.toolkit.fluxcd.io/namespace";

  private static final List<String> ARGO_MANAGERS =
      List.of("argocd-controller", "argocd-application-controller");

  private GitOpsOwners() {}

  /** The controller that owns {@code object}, or empty when its metadata shows none. */
  public static Optional<GitOpsOwner> of(HasMetadata object) {
    if (object == null || object.getMetadata() == null) {
      return Optional.empty();
    }
    Map<String, String> labels = orEmpty(object.getMetadata().getLabels());
    Map<String, String> annotations = orEmpty(object.getMetadata().getAnnotations());
    List<String> managers =
        object.getMetadata().getManagedFields() == null
            ? List.of()
            : object.getMetadata().getManagedFields().stream()
                .map(ManagedFieldsEntry::getManager)
                .filter(m -> m != null && !m.isBlank())
                .toList();

    String trackingId = annotations.getOrDefault(ARGO_TRACKING_ID, "").strip();
    if (!trackingId.isEmpty()) {
      int colon = trackingId.indexOf(':');
      String application = colon < 0 ? trackingId : trackingId.substring(0, colon);
      return Optional.of(
          new GitOpsOwner(GitOpsOwner.ARGO_CD, application, "annotation " + ARGO_TRACKING_ID));
    }
    Optional<String> argoManager = managers.stream().filter(ARGO_MANAGERS::contains).findFirst();
    if (argoManager.isPresent()) {
      return Optional.of(
          new GitOpsOwner(
              GitOpsOwner.ARGO_CD,
              labels.getOrDefault(INSTANCE_LABEL, "").strip(),
              "field manager " + argoManager.get()));
    }
    if (labels.containsKey(FLUX_KUSTOMIZE_NAME)) {
      return Optional.of(
          new GitOpsOwner(
              GitOpsOwner.FLUX_KUSTOMIZE,
              qualified(labels, FLUX_KUSTOMIZE_NAMESPACE, FLUX_KUSTOMIZE_NAME),
              "label " + FLUX_KUSTOMIZE_NAME));
    }
    if (labels.containsKey(FLUX_HELM_NAME)) {
      return Optional.of(
          new GitOpsOwner(
              GitOpsOwner.FLUX_HELM,
              qualified(labels, FLUX_HELM_NAMESPACE, FLUX_HELM_NAME),
              "label " + FLUX_HELM_NAME));
    }
    if (managers.contains("kustomize-controller")) {
      return Optional.of(
          new GitOpsOwner(GitOpsOwner.FLUX_KUSTOMIZE, "", "field manager kustomize-controller"));
    }
    if (managers.contains("helm-controller")) {
      return Optional.of(
          new GitOpsOwner(GitOpsOwner.FLUX_HELM, "", "field manager helm-controller"));
    }
    return Optional.empty();
  }

  private static String qualified(Map<String, String> labels, String namespaceKey, String nameKey) {
    String name = labels.getOrDefault(nameKey, "").strip();
    String namespace = labels.getOrDefault(namespaceKey, "").strip();
    return namespace.isEmpty() || name.isEmpty() ? name : namespace + "/" + name;
  }

  private static Map<String, String> orEmpty(Map<String, String> map) {
    return map == null ? Map.of() : map;
  }
}
