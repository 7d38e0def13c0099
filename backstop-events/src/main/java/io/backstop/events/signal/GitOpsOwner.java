package io.backstop.events.signal;

import io.backstop.events.Require;

/**
 * The GitOps controller that owns a workload: it applies the workload from Git and, when it
 * reconciles drift (Argo CD's automated sync with self-heal, Flux's kustomize and helm controllers
 * on every interval), puts back any change written to the live object. A write to such a workload
 * is undone within minutes; the fix is a change in Git (a revert), made by a person.
 *
 * <p>{@code controller} names the controller ({@code argocd}, {@code flux-kustomize}, {@code
 * flux-helm}); {@code application} the Argo CD Application or the Flux Kustomization/HelmRelease
 * ({@code namespace/name}) that applies it, "" when the metadata shows the controller but not its
 * application; {@code source} the metadata that shows it (an annotation, a label or a managedFields
 * manager), for messages.
 */
public record GitOpsOwner(String controller, String application, String source) {

  public static final String ARGO_CD = "argocd";
  public static final String FLUX_KUSTOMIZE = "flux-kustomize";
  public static final String FLUX_HELM = "flux-helm";

  public GitOpsOwner {
    Require.text(controller, "gitOps.controller");
    application = application == null ? "" : application;
    source = source == null ? "" : source;
  }

  /** {@code argocd application shop-cart}, as a message names it. */
  public String describe() {
    String kind =
        switch (controller) {
          case ARGO_CD -> "Argo CD application";
          case FLUX_KUSTOMIZE -> "Flux Kustomization";
          case FLUX_HELM -> "Flux HelmRelease";
          default -> controller;
        };
    return application.isEmpty() ? kind + " (unnamed)" : kind + " " + application;
  }
}
