package io.backstop.triage.evidence;

import io.backstop.events.signal.WorkloadKind;
import io.backstop.events.signal.WorkloadRef;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which workload an alert is about, from its labels: the first present of {@code deployment},
 * {@code statefulset}, {@code pod} (a Deployment's pod name {@code <name>-<template hash>-<suffix>}
 * gives {@code <name>}), {@code workload}, {@code app}, {@code service}, {@code job}, in the
 * alert's {@code namespace}. Evidence is gathered about it, and incidents group by its name.
 */
public final class AlertedWorkload {

  private static final Pattern DEPLOYMENT_POD = Pattern.compile("(.+)-[a-z0-9]{6,10}-[a-z0-9]{5}");
  private static final Pattern STATEFUL_POD = Pattern.compile("(.+)-[0-9]+");
  private static final List<String> NAME_LABELS = List.of("workload", "app", "service", "job");

  private AlertedWorkload() {}

  /** The workload the alert is about, when its labels say. */
  public static Optional<WorkloadRef> of(Map<String, String> labels) {
    String namespace = labels.get("namespace");
    if (blank(namespace)) {
      return Optional.empty();
    }
    return name(labels).map(n -> new WorkloadRef(n.kind(), namespace, n.name()));
  }

  private record Named(WorkloadKind kind, String name) {}

  private static Optional<Named> name(Map<String, String> labels) {
    if (!blank(labels.get("deployment"))) {
      return Optional.of(new Named(WorkloadKind.DEPLOYMENT, labels.get("deployment")));
    }
    if (!blank(labels.get("statefulset"))) {
      return Optional.of(new Named(WorkloadKind.STATEFULSET, labels.get("statefulset")));
    }
    String pod = labels.get("pod");
    if (!blank(pod)) {
      Matcher deployment = DEPLOYMENT_POD.matcher(pod);
      if (deployment.matches()) {
        return Optional.of(new Named(WorkloadKind.DEPLOYMENT, deployment.group(1)));
      }
      Matcher stateful = STATEFUL_POD.matcher(pod);
      if (stateful.matches()) {
        return Optional.of(new Named(WorkloadKind.STATEFULSET, stateful.group(1)));
      }
    }
    return NAME_LABELS.stream()
        .filter(l -> !blank(labels.get(l)))
        .findFirst()
        .map(l -> new Named(WorkloadKind.DEPLOYMENT, labels.get(l)));
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
